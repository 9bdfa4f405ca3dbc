package io.tfhyperstack.e2e.support;

/** What one terraform command did. */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {
    public String output() {
        return stdout + stderr;
    }

    /** A readable dump for assertion messages. */
    public String describe() {
        return "$ " + command + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
