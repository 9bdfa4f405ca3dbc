package io.tfhyperstack.e2e;

import io.tfhyperstack.e2e.support.CommandResult;
import io.tfhyperstack.e2e.support.TerraformWorkspace;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every example under examples/ passes {@code terraform validate} with the built provider. */
class ExamplesTest {
    @TestFactory
    Stream<DynamicTest> everyExampleValidates() throws IOException {
        List<Path> dirs;
        try (Stream<Path> files = Files.walk(Paths.get("examples"))) {
            dirs = files.filter(p -> p.toString().endsWith(".tf")).map(Path::getParent).distinct().sorted().toList();
        }
        assertFalse(dirs.isEmpty());
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.toString(), () -> validate(dir)));
    }

    private static void validate(Path dir) throws IOException {
        try (TerraformWorkspace tf = new TerraformWorkspace(); Stream<Path> files = Files.list(dir)) {
            String all = "";
            for (Path f : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                all += Files.readString(f) + "\n";
            }
            if (all.contains("required_providers")) {
                tf.file("main.tf", all);
            } else {
                tf.config(all);
            }
            CommandResult r = tf.run("validate");
            assertEquals(0, r.exitCode(), r.describe());
        }
    }
}
