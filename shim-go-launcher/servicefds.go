//go:build !windows

package main

import (
	"os"
	"runtime"
	"strconv"
	"syscall"
)

// keepDescriptorsFromChildren marks every descriptor above stderr close-on-exec until the returned
// function is called. Go opens its own files close-on-exec, but descriptors inherited from whoever
// started us (a wrapper around Terraform, a CI runner) may not be: a service started meanwhile would
// hold them for its whole life, and a pipe held open that way keeps its reader waiting for an
// end-of-file that never comes. The old flags come back afterwards, so that a fallback JVM inherits
// exactly what it did before the service existed.
func keepDescriptorsFromChildren() (restore func()) {
	dir := "/dev/fd"
	if runtime.GOOS == "linux" {
		dir = "/proc/self/fd"
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return func() {}
	}
	var changed []int
	for _, entry := range entries {
		fd, err := strconv.Atoi(entry.Name())
		if err != nil || fd <= 2 {
			continue
		}
		flags, err := descriptorFlags(fd)
		// The directory's own descriptor is in its listing and closed by now: the error skips it.
		if err != nil || flags&syscall.FD_CLOEXEC != 0 {
			continue
		}
		syscall.CloseOnExec(fd)
		changed = append(changed, fd)
	}
	return func() {
		for _, fd := range changed {
			if flags, err := descriptorFlags(fd); err == nil {
				setDescriptorFlags(fd, flags&^syscall.FD_CLOEXEC)
			}
		}
	}
}

func descriptorFlags(fd int) (int, error) {
	flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFD, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(flags), nil
}

func setDescriptorFlags(fd, flags int) {
	syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_SETFD, uintptr(flags))
}
