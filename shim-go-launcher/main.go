// Command terraform-provider-hyperstack is the executable Terraform starts. The provider itself is a
// Java program; this launcher finds a suitable JVM and the jar beside it. Terraform's walks go to a
// resident provider service as sessions (service.go, docs/provider-service.md); every other start,
// and a walk the service cannot take, replaces the launcher with a JVM of its own (exec), so that
// Terraform's pipes, signals and process id belong to the JVM directly.
package main

import (
	"fmt"
	"os"
	"time"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const (
	binaryName = "terraform-provider-hyperstack"
	mainClass  = "io.tfhyperstack.Main"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "--version" || os.Args[1] == "-version") {
		fmt.Printf("%s %s\n", binaryName, version)
		return
	}
	if err := launch(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", binaryName, err)
		os.Exit(1)
	}
}

func launch(args []string) error {
	// Before looking for Java: the services are reached through their sockets alone.
	if action, ok := serviceAction(args); ok {
		os.Exit(serviceCommand(action, os.Getenv, os.Stdout, os.Stderr))
	}
	self, err := executableDir()
	if err != nil {
		return err
	}
	java, err := findJava(systemJavaSearch(self))
	if err != nil {
		return err
	}
	layout, err := findLayout(self, java, archiveDirectory(os.Getenv))
	if err != nil {
		return err
	}
	if isMakeArchive(args) {
		return makeArchive(java, layout, os.Stderr)
	}
	if exe, err := os.Executable(); err == nil {
		startArchiveMaker(layout, exe)
	}
	noteArchiveUse(layout, time.Now())
	if serviceWanted(args, os.Getenv) {
		// Returns only when the walk cannot go to the service.
		reason := runSession(java, layout)
		debugLine(os.Stderr, "running this walk in a JVM of its own: "+reason)
	}
	return runJVM(java, layout, commandLine(java, layout, os.Getenv, args))
}
