//go:build !windows

package main

import (
	"fmt"
	"os"
	"syscall"
)

// serviceSupported: the provider service lives behind a unix socket in a directory only its user
// may enter, which needs POSIX ownership and modes.
const serviceSupported = true

// detachedProcess puts a child in a session of its own: Terraform's signals to the plugin's process
// group must not reach it, and it outlives us.
func detachedProcess() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setsid: true}
}

// lowestPriority applies to the calling thread and the processes it starts afterwards.
func lowestPriority() {
	syscall.Setpriority(syscall.PRIO_PROCESS, 0, 19)
}

// runJVM replaces the launcher with the JVM, so that Terraform's pipes, signals and process id belong
// to the JVM directly. It only returns on failure.
func runJVM(java Java, layout Layout, argv []string) error {
	if layout.WorkDir != "" {
		if err := os.Chdir(layout.WorkDir); err != nil {
			return fmt.Errorf("cannot enter %s: %w", layout.WorkDir, err)
		}
	}
	return syscall.Exec(java.Executable, argv, os.Environ())
}
