package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// serviceSupported: on Windows every walk runs in a JVM of its own. The service's socket directory
// is guarded by POSIX ownership and modes, which Windows does not have.
const serviceSupported = false

// Windows process creation flags (winbase.h).
const (
	createNewProcessGroup = 0x00000200
	detachedProcessFlag   = 0x00000008
)

// detachedProcess gives a child no console and its own process group, so that Ctrl-C in Terraform's
// console does not reach it.
func detachedProcess() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: createNewProcessGroup | detachedProcessFlag}
}

// lowestPriority: the archive maker runs at normal priority on Windows.
func lowestPriority() {}

// runJVM runs the JVM as a child, since Windows cannot replace a process: it inherits our standard
// handles, so go-plugin's handshake line and logs pass through untouched, and its exit code becomes
// ours. Ctrl-C reaches every process of the console: the launcher ignores it and leaves the JVM to
// react, as Terraform expects of a plugin.
func runJVM(java Java, layout Layout, argv []string) error {
	signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	cmd := exec.Command(java.Executable, argv[1:]...)
	cmd.Dir = layout.WorkDir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		return fmt.Errorf("cannot start %s: %w", java.Executable, err)
	}
	os.Exit(0)
	return nil
}

// runSession is never reached on Windows (serviceWanted is false there).
func runSession(Java, Layout) string {
	return "the provider service is not used on Windows"
}

// serviceCommand answers `service status` and `service stop` on Windows, where there is no service.
func serviceCommand(_ string, _ func(string) string, stdout, _ io.Writer) int {
	fmt.Fprintln(stdout, "no provider service on Windows: every walk runs in a JVM of its own")
	return 0
}
