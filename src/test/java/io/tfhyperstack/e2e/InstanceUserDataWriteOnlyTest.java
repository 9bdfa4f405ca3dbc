package io.tfhyperstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.SecretSpellings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code user_data_wo}: cloud-init user data that reaches the API's create request and nothing else (no
 * state, plan, output or log line at trace), with {@code user_data_wo_version} saying when to replace.
 */
class InstanceUserDataWriteOnlyTest extends ResourceE2eTest {
    private static final String SECRET = "#cloud-config\nruncmd: [echo wo-token-5e9a31c7]";
    /** The part of the secret that would survive any quoting or escaping of the newline. */
    private static final String TOKEN = "wo-token-5e9a31c7";

    private static String withUserData(int version) {
        return """
                variable "user_data" {
                  type      = string
                  ephemeral = true
                }
                """ + instance("web", "e2e-wo", """
                  user_data_wo         = var.user_data
                  user_data_wo_version = %d
                """.formatted(version));
    }

    @Test
    void theValueReachesTheCreateRequestOnlyAndItsVersionReplaces() throws Exception {
        Path log = tf.dir().resolve("trace.log");
        tf.env("TF_VAR_user_data", SECRET).env("TF_LOG", "trace").env("TF_LOG_PATH", log.toString());
        config(withUserData(1));

        CommandResult plan = tf.ok("plan", "-out=tfplan");
        assertTrue(plan.stdout().contains("user_data_wo         = (write-only attribute)"), plan.describe());
        String planJson = tf.ok("show", "-json", "tfplan").stdout();
        CommandResult apply = tf.apply();
        long id = idOf("hyperstack_instance.web");
        assertEquals(SECRET, sim.userData(id), "the create request carried the user data");
        assertTrue(attrs("hyperstack_instance.web").path("user_data_wo").isNull());
        assertEquals(1, attrs("hyperstack_instance.web").path("user_data_wo_version").asInt());

        CommandResult again = tf.planDetailed();
        assertEquals(0, again.exitCode(), "a second plan should show no changes:\n" + again.describe());

        config(withUserData(2));
        CommandResult replace = tf.planDetailed();
        assertEquals(2, replace.exitCode(), replace.describe());
        assertTrue(replace.stdout().contains("user_data_wo_version = 1 -> 2 # forces replacement"), replace.describe());
        assertTrue(replace.stdout().contains("1 to add, 0 to change, 1 to destroy"), replace.describe());

        String state = Files.readString(tf.dir().resolve("terraform.tfstate"));
        String traced = Files.readString(log);
        assertTrue(traced.contains("ApplyResourceChange") && traced.contains("/core/virtual-machines"),
                "the trace holds the provider's own lines");
        Map<String, String> places = Map.of("state file", state, "plan JSON", planJson, "plan output", plan.output(),
                "apply output", apply.output(), "second plan", again.output(), "replacing plan", replace.output(),
                "trace log", traced);
        SecretSpellings.assertNowhere(TOKEN, places);
        SecretSpellings.assertNowhere(sim.apiKey(), places);
    }

    @Test
    void bothWaysOfGivingUserDataIsAnErrorOnTheAttributeAtValidate() {
        config(instance("web", "e2e-wo-both", """
                  user_data            = "#cloud-config"
                  user_data_wo         = "#cloud-config"
                  user_data_wo_version = 1
                """));
        CommandResult validate = tf.run("validate");
        assertEquals(1, validate.exitCode(), validate.describe());
        assertTrue(validate.stderr().contains("Conflicting arguments"), validate.describe());
        assertTrue(validate.stderr().contains("user_data_wo cannot be set together with user_data"), validate.describe());
        assertTrue(validate.stderr().contains("with hyperstack_instance.web"), validate.describe());
        assertFalse(validate.stderr().contains("user_data_wo_version cannot"), validate.describe());
    }

    @Test
    void aNewVersionCreatesTheInstanceAgainWithTheNewValue() {
        tf.env("TF_VAR_user_data", "#cloud-config\n# first");
        config(withUserData(1));
        tf.apply();
        long first = idOf("hyperstack_instance.web");

        tf.env("TF_VAR_user_data", "#cloud-config\n# second");
        assertNoChanges();
        config(withUserData(2));
        tf.apply();
        long second = idOf("hyperstack_instance.web");
        assertNotEquals(first, second);
        assertEquals("#cloud-config\n# second", sim.userData(second));
    }
}
