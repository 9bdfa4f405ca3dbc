package io.tfhyperstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SecretSpellings;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import io.tfhyperstack.e2e.thing.ThingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the framework's plan and apply rules against Terraform itself, with a test-only resource
 * ({@code hyperstack_test_thing}) loaded into the real provider process: create, a second plan with
 * no changes, an in-place update, a replacement, import, and destroy.
 */
class FrameworkRoundTripTest {
    private TerraformWorkspace tf;
    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        tf = new TerraformWorkspace();
        store = Files.createTempFile("things", ".properties");
        Path testClasses = Paths.get("target", "test-classes").toAbsolutePath();
        tf.env("THING_STORE", store.toString())
                .env("TF_HYPERSTACK_JAVA_OPTS", "-Dtfhyperstack.extension.path=" + testClasses + "/"
                        + " -Dtfhyperstack.extension.resources=io.tfhyperstack.e2e.thing.ThingResource")
                // the test resource never calls the API; the provider block still wants a key
                .hyperstack("http://127.0.0.1:9/v1", "unused-key");
    }

    @AfterEach
    void tearDown() {
        tf.close();
    }

    @Test
    void planApplyUpdateReplaceImportDestroy() {
        tf.config("""
                resource "hyperstack_test_thing" "a" {
                  name = "first"
                  size = 1
                  tags = ["x", "y"]
                  settings {
                    color = "blue"
                  }
                }
                """);
        CommandResult plan = tf.run("plan", "-detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.describe());
        assertTrue(plan.stdout().contains("id         = (known after apply)")
                || plan.stdout().contains("(known after apply)"), plan.describe());
        assertTrue(plan.stdout().contains("greeting = \"hello\""), "default shown in plan: " + plan.describe());

        tf.apply();
        JsonNode created = tf.resource("hyperstack_test_thing.a");
        String id = created.path("id").asText();
        assertTrue(id.startsWith("thing-"), created.toString());
        assertEquals(1, created.path("revision").asInt());
        assertEquals("hello", created.path("greeting").asText());
        assertEquals("blue", created.path("settings").path("color").asText(""),
                created.toString());

        CommandResult again = tf.planDetailed();
        assertEquals(0, again.exitCode(), "second plan must show no changes:\n" + again.describe());

        // an in-place update: the id is kept, the revision is recomputed
        tf.config("""
                resource "hyperstack_test_thing" "a" {
                  name = "first"
                  size = 2
                  tags = ["x", "y"]
                  settings {
                    color = "blue"
                  }
                }
                """);
        CommandResult update = tf.planDetailed();
        assertEquals(2, update.exitCode(), update.describe());
        assertTrue(update.stdout().contains("1 to change"), update.describe());
        assertFalse(update.stdout().contains("forces replacement"), update.describe());
        tf.apply();
        JsonNode updated = tf.resource("hyperstack_test_thing.a");
        assertEquals(id, updated.path("id").asText());
        assertEquals(2, updated.path("revision").asInt());
        assertEquals(0, tf.planDetailed().exitCode());

        // changing the name replaces the object
        tf.config("""
                resource "hyperstack_test_thing" "a" {
                  name = "second"
                  size = 2
                  tags = ["x", "y"]
                  settings {
                    color = "blue"
                  }
                }
                """);
        CommandResult replace = tf.planDetailed();
        assertTrue(replace.stdout().contains("# forces replacement"), replace.describe());
        assertTrue(replace.stdout().contains("1 to add, 0 to change, 1 to destroy"), replace.describe());
        tf.apply();
        String newId = tf.resource("hyperstack_test_thing.a").path("id").asText();
        assertFalse(newId.equals(id), "replacement makes a new object");

        // forget it, then import it back by id
        tf.ok("state", "rm", "hyperstack_test_thing.a");
        tf.ok("import", "hyperstack_test_thing.a", newId);
        JsonNode imported = tf.resource("hyperstack_test_thing.a");
        assertEquals("second", imported.path("name").asText());
        assertEquals(0, tf.planDetailed().exitCode(), "imported object matches the config");

        CommandResult destroy = tf.ok("destroy", "-auto-approve");
        assertTrue(destroy.stdout().contains("1 destroyed"), destroy.describe());
        assertTrue(tf.state().path("values").path("root_module").path("resources").isMissingNode()
                || tf.state().path("values").path("root_module").path("resources").isEmpty());
    }

    @Test
    void validatorErrorNamesTheAttributeAtValidateTime() {
        tf.config("""
                resource "hyperstack_test_thing" "a" {
                  name = "a-name-that-is-far-too-long"
                }
                """);
        CommandResult r = tf.run("validate");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("Invalid length"), r.describe());
        assertTrue(r.stderr().contains("name"), r.describe());
    }

    @Test
    void writeOnlyValueReachesTheResourceAndNothingElse() throws Exception {
        String secret = "wo-secret-8d1f2c77";
        Path log = tf.dir().resolve("trace.log");
        tf.env("TF_VAR_token", secret).env("TF_LOG", "trace").env("TF_LOG_PATH", log.toString());
        String config = """
                variable "token" {
                  type      = string
                  ephemeral = true
                }
                resource "hyperstack_test_thing" "a" {
                  name             = "wo"
                  token_wo         = var.token
                  token_wo_version = %d
                }
                """;
        tf.config(config.formatted(1));

        CommandResult plan = tf.ok("plan", "-out=tfplan");
        assertTrue(plan.stdout().contains("token_wo         = (write-only attribute)"), plan.describe());
        String planJson = tf.ok("show", "-json", "tfplan").stdout();
        CommandResult apply = tf.apply();
        String id = tf.resource("hyperstack_test_thing.a").path("id").asText();
        assertEquals(secret, new ThingStore(store).receivedToken(id), "the create got the configured value");
        assertTrue(tf.resource("hyperstack_test_thing.a").path("token_wo").isNull());

        CommandResult again = tf.planDetailed();
        assertEquals(0, again.exitCode(), "a write-only value alone never makes a change:\n" + again.describe());
        tf.env("TF_VAR_token", secret + "-rotated");
        assertEquals(0, tf.planDetailed().exitCode(), "nor does a new one: its version says when to send it");
        tf.env("TF_VAR_token", secret);

        tf.config(config.formatted(2));
        CommandResult replace = tf.planDetailed();
        assertEquals(2, replace.exitCode(), replace.describe());
        assertTrue(replace.stdout().contains("token_wo_version = 1 -> 2 # forces replacement"), replace.describe());
        assertTrue(replace.stdout().contains("1 to add, 0 to change, 1 to destroy"), replace.describe());

        String state = Files.readString(tf.dir().resolve("terraform.tfstate"));
        String traced = Files.readString(log);
        assertTrue(traced.contains("ApplyResourceChange") && traced.contains("tfhyperstack"),
                "the trace holds the provider's own lines");
        // gRPC logs each HTTP/2 data frame at trace; its payload (requests with their values) must not go with it
        assertTrue(traced.contains("DATA: streamId="), "the trace holds gRPC's frame lines");
        assertFalse(traced.matches("(?s).*DATA: streamId=[^\\n]* bytes=.*"), "a frame's bytes are in the trace");
        SecretSpellings.assertNowhere(secret, Map.of("state file", state, "plan JSON", planJson,
                "plan output", plan.output(), "apply output", apply.output(), "second plan", again.output(),
                "replacing plan", replace.output(), "trace log", traced));
    }

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }
}
