//go:build !windows

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

const (
	// answerWait bounds how long one service may take to answer status or stop.
	answerWait = 10 * time.Second
	// stopWait covers a stopping service's live sessions, which it lets run for at most 30 s.
	stopWait = 35 * time.Second
	stopPoll = 50 * time.Millisecond
)

// serviceCommand runs `service status` or `service stop` against every service of this user (one per
// build: an upgrade leaves the old build's service running until it notices its jar is gone) and
// returns the exit code.
func serviceCommand(action string, getenv func(string) string, stdout, stderr io.Writer) int {
	dir, err := filepath.Abs(serviceDirectory(getenv))
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", binaryName, err)
		return 1
	}
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stdout, "no provider service is running")
		return 0
	}
	// The same check as a walk's: a socket in a directory others can write to may be anyone's.
	if err := checkServiceDir(dir); err != nil {
		fmt.Fprintf(stderr, "%s: the socket directory is not usable: %v\n", binaryName, err)
		return 1
	}
	sockets, err := socketsIn(dir)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", binaryName, err)
		return 1
	}
	kind := byte(frameStatus)
	if action == "stop" {
		kind = frameStop
	}
	code, answered := 0, 0
	stopping := map[string]os.FileInfo{}
	for _, socket := range sockets {
		// Noted before asking, so that a new service on the same path is not mistaken for this one.
		before, _ := os.Lstat(socket)
		text, err := askService(socket, kind)
		switch {
		case err == nil:
			answered++
			fmt.Fprint(stdout, text)
			if !strings.HasSuffix(text, "\n") {
				fmt.Fprintln(stdout)
			}
			if kind == frameStop && before != nil {
				stopping[socket] = before
			}
		case errors.Is(err, syscall.ENOENT):
			// It exited between the listing and now.
		case errors.Is(err, syscall.ECONNREFUSED):
			// A service that died without cleaning up; the next walk would remove it too.
			fmt.Fprintf(stdout, "%s: no service answers; removed this stale socket\n", socket)
			os.Remove(socket)
		default:
			fmt.Fprintf(stderr, "%s: %s: %v\n", binaryName, socket, err)
			code = 1
		}
	}
	if answered == 0 && code == 0 {
		fmt.Fprintln(stdout, "no provider service is running")
		return 0
	}
	if len(stopping) > 0 {
		if left := waitUntilGone(stopping, stopWait); len(left) > 0 {
			fmt.Fprintf(stderr, "%s: still running after %v: %s\n", binaryName, stopWait, strings.Join(left, ", "))
			return 1
		}
		fmt.Fprintln(stdout, "stopped")
	}
	return code
}

func socketsIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var sockets []string
	for _, entry := range entries {
		if strings.HasSuffix(entry.Name(), ".sock") {
			sockets = append(sockets, filepath.Join(dir, entry.Name()))
		}
	}
	return sockets, nil
}

// askService sends one status or stop frame and returns the service's answer.
func askService(socket string, kind byte) (string, error) {
	conn, err := dialService(socket)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(answerWait))
	if err := writeFrame(conn, kind, nil); err != nil {
		return "", err
	}
	answer, payload, err := readFrame(conn)
	if err != nil {
		return "", fmt.Errorf("no answer: %w", err)
	}
	switch answer {
	case frameAnswer:
		return string(payload), nil
	case frameRefused:
		return "", fmt.Errorf("refused: %s", payload)
	}
	return "", fmt.Errorf("an unexpected %q frame", answer)
}

// waitUntilGone waits for stopped services to remove their sockets (a service does so as it exits)
// and returns the sockets still there at the end.
func waitUntilGone(sockets map[string]os.FileInfo, wait time.Duration) []string {
	deadline := time.Now().Add(wait)
	for {
		var left []string
		for socket, before := range sockets {
			if now, err := os.Lstat(socket); err == nil && os.SameFile(before, now) {
				left = append(left, socket)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(stopPoll)
	}
}
