package io.tfhyperstack;

/**
 * The one entry point of the jar. The Go launcher execs the JVM with this class; the first argument
 * picks what the process is: the Terraform plugin (no argument or {@code --debug}), the HyperStack API
 * simulator ({@code simulator}), or a version print ({@code --version}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.err.println("not wired yet");
        System.exit(1);
    }
}
