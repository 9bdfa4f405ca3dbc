//go:build !windows

package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"time"
)

// The provider service (docs/provider-service.md): a resident JVM per user and build that serves each
// of Terraform's walks as a session, so that a walk costs a connection instead of a JVM start. The
// launcher stays the process Terraform started and only relays frames; any trouble before the
// handshake makes it run the walk in a JVM of its own, exactly as it did before the service existed.

// firstOutputTimeout bounds how long a service may take to print a session's handshake. A service that
// accepts connections but has hung would otherwise hold the walk until Terraform gives up on the
// plugin (a minute); after this long a JVM of our own is the faster way.
const firstOutputTimeout = 20 * time.Second

// fallbackError means the walk has not started in the service and should run in a JVM of its own.
type fallbackError struct{ reason string }

func (e *fallbackError) Error() string { return e.reason }

func fallback(format string, a ...interface{}) error {
	return &fallbackError{fmt.Sprintf(format, a...)}
}

// runSession hands this walk to the service and exits with the session's exit code. It returns only
// when the walk should run in a JVM of its own, with the reason.
func runSession(java Java, layout Layout) string {
	ignoreInterrupt()
	code, err := session(java, layout, os.Getenv, os.Stdout, os.Stderr)
	var fb *fallbackError
	if errors.As(err, &fb) {
		return fb.reason
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: the provider service stopped during this session (%v); the next command starts a new one\n",
			binaryName, err)
		os.Exit(1)
	}
	// Stdout and stderr are unbuffered files: everything relayed has been written already.
	os.Exit(code)
	return ""
}

// ignoreInterrupt keeps Ctrl-C from ending the session: Terraform turns it into StopProvider, as
// go-plugin servers expect, and the terminal sends SIGINT to our whole process group. The signal is
// caught and dropped rather than set to SIG_IGN, because an ignored signal stays ignored across exec:
// a service started from here, or the JVM of a fallback, would inherit it, while a caught signal is
// back to its default in a new program. So a fallback needs nothing undone: its JVM gets SIGINT as it
// always did.
func ignoreInterrupt() {
	// Ignored at our start (a background job of a shell): it stays so, as it always did.
	if !signal.Ignored(os.Interrupt) {
		signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	}
}

// session connects to the service (starting it when there is none), opens a session for this walk and
// relays it. The error is a *fallbackError when nothing of the walk has reached stdout yet.
func session(java Java, layout Layout, getenv func(string) string, stdout, stderr io.Writer) (int, error) {
	paths, err := servicePathsFor(java, layout, getenv)
	if err != nil {
		return 0, &fallbackError{err.Error()}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return 0, fallback("cannot tell the working directory: %v", err)
	}
	conn, err := connectOrStart(java, layout, paths, getenv, stderr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	header := []string{serviceProtocol, paths.Key, cwd, strconv.Itoa(os.Getpid())}
	if err := writeFrame(conn, frameSession, sessionPayload(header, nil, os.Environ())); err != nil {
		return 0, fallback("cannot send the session to the provider service: %v", err)
	}
	return relay(conn, stdout, stderr)
}

// dialService connects to a service's socket.
func dialService(socket string) (*net.UnixConn, error) {
	return net.DialUnix("unix", nil, &net.UnixAddr{Name: socket, Net: "unix"})
}

// deadliner is what a connection offers to bound a read; relay works without it, for tests.
type deadliner interface {
	SetReadDeadline(time.Time) error
}

// relay copies the service's frames of one session to stdout and stderr until the exit code. Before
// the first O frame (the handshake) nothing is committed: Terraform has seen nothing on stdout, so
// any trouble is a *fallbackError and the walk can still run elsewhere. After it, trouble is an error
// of the session and the walk is lost.
func relay(conn io.Reader, stdout, stderr io.Writer) (int, error) {
	deadline, _ := conn.(deadliner)
	if deadline != nil {
		deadline.SetReadDeadline(time.Now().Add(firstOutputTimeout))
	}
	// Buffered reading only saves system calls: each frame is written out as soon as it is complete.
	reader := bufio.NewReaderSize(conn, 64<<10)
	handshaken := false
	for {
		kind, payload, err := readFrame(reader)
		if err != nil {
			if !handshaken {
				if err == io.EOF {
					return 0, fallback("the provider service closed the session before the handshake")
				}
				return 0, fallback("the provider service failed before the handshake: %v", err)
			}
			if err == io.EOF {
				return 0, errors.New("the connection ended without an exit code")
			}
			return 0, err
		}
		switch kind {
		case frameOut:
			if _, err := stdout.Write(payload); err != nil {
				// Terraform no longer reads our stdout: the walk is over whatever we do.
				return 1, fmt.Errorf("cannot write to stdout: %w", err)
			}
			if !handshaken {
				handshaken = true
				if deadline != nil {
					deadline.SetReadDeadline(time.Time{})
				}
			}
		case frameErr:
			stderr.Write(payload)
		case frameExit:
			if len(payload) != 4 {
				return sessionTrouble(handshaken, fmt.Sprintf("an exit frame of %d bytes", len(payload)))
			}
			return int(int32(binary.BigEndian.Uint32(payload))), nil
		case frameRefused:
			return sessionTrouble(handshaken, "the provider service refused the session: "+string(payload))
		default:
			return sessionTrouble(handshaken, fmt.Sprintf("an unexpected %q frame", kind))
		}
	}
}

func sessionTrouble(handshaken bool, detail string) (int, error) {
	if handshaken {
		return 0, errors.New(detail)
	}
	return 0, &fallbackError{detail}
}
