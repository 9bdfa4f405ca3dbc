package io.tfhyperstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider block as Terraform sees it, through the launcher and mutual TLS. */
class ProviderSchemaTest {
    @Test
    void schemaShowsTheProviderBlockWithASensitiveKey() throws Exception {
        try (TerraformWorkspace tf = new TerraformWorkspace()) {
            tf.config("provider \"hyperstack\" {}\n");
            CommandResult r = tf.ok("providers", "schema", "-json");
            JsonNode root = new ObjectMapper().readTree(r.stdout());
            JsonNode provider = root.path("provider_schemas")
                    .path("registry.terraform.io/" + TerraformWorkspace.PROVIDER_SOURCE).path("provider").path("block");
            JsonNode attributes = provider.path("attributes");
            assertTrue(attributes.path("api_key").path("sensitive").asBoolean(), provider.toString());
            assertTrue(attributes.path("api_key").path("optional").asBoolean());
            assertEquals("markdown", attributes.path("api_address").path("description_kind").asText());
            for (String name : new String[]{"api_address", "max_retries", "requests_per_minute", "request_timeout",
                    "rate_limit_wait"}) {
                assertFalse(attributes.path(name).isMissingNode(), name + " missing: " + provider);
                assertFalse(attributes.path(name).path("description").asText().isBlank(), name + " has no description");
            }
        }
    }

    @Test
    void malformedApiAddressFailsValidateOnThatAttribute() {
        try (TerraformWorkspace tf = new TerraformWorkspace()) {
            tf.config("""
                    provider "hyperstack" {
                      api_address = "ftp//not a url"
                    }
                    data "hyperstack_instances" "all" {}
                    """);
            CommandResult r = tf.run("validate");
            assertEquals(1, r.exitCode(), r.describe());
            assertTrue(r.stderr().contains("Invalid URL"), r.describe());
            assertTrue(r.stderr().contains("api_address"), r.describe());
        }
    }

    @Test
    void badRequestTimeoutFailsValidate() {
        try (TerraformWorkspace tf = new TerraformWorkspace()) {
            tf.config("""
                    provider "hyperstack" {
                      request_timeout = "soon"
                    }
                    data "hyperstack_instances" "all" {}
                    """);
            CommandResult r = tf.run("validate");
            assertEquals(1, r.exitCode(), r.describe());
            assertTrue(r.stderr().contains("request_timeout"), r.describe());
        }
    }
}
