package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.TerraformWorkspace;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command, as written, on the build this suite just made. */
class QuickstartTest {
    @Test
    void quickstartRevivesTheHibernatedInstanceAndEndsWithAnEmptyPlan() throws Exception {
        Path log = Files.createTempFile("quickstart", ".log");
        ProcessBuilder pb = new ProcessBuilder("scripts/quickstart")
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // the suite has just built target/provider; building again would only cost time
        pb.environment().put("SKIP_BUILD", "1");
        pb.environment().putAll(TerraformWorkspace.serviceEnvironment());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "quickstart did not finish in 5 minutes");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Apply complete!"), out);
        assertTrue(out.contains("found_by_ip = \"web-2 (1002) is running\""), out);
        assertTrue(out.matches("(?s).*revived = \\{.*\"status\" = \"ACTIVE\".*"), out);
        assertTrue(out.contains("No changes."), out);
        assertTrue(out.contains("quickstart: done"), out);
    }
}
