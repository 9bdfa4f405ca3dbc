//go:build !windows

package main

import (
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A stand-in for the Java side of docs/provider-service.md, in two forms: fakeService runs in the
// test process (a goroutine on a unix socket) for the session relay and the service commands, and the
// test binary itself plays the JVM for the start path: started with the service-run arguments, it
// becomes a detached fake service process (TestMain below).

func TestMain(m *testing.M) {
	for i, arg := range os.Args {
		if arg == "service-run" {
			os.Exit(fakeServiceProcess(os.Args[i+1:]))
		}
	}
	os.Exit(m.Run())
}

// sessionScript answers one S frame; header is the session header the launcher sent.
type sessionScript func(conn net.Conn, header []string)

type fakeService struct {
	listener *net.UnixListener
	socket   string
	script   sessionScript
	headers  chan []string
	envs     chan []string
}

func startFakeService(t *testing.T, socket string, script sessionScript) *fakeService {
	t.Helper()
	listener, err := net.ListenUnix("unix", &net.UnixAddr{Name: socket, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	service := &fakeService{listener: listener, socket: socket, script: script,
		headers: make(chan []string, 10), envs: make(chan []string, 10)}
	t.Cleanup(func() { listener.Close() })
	go service.serve()
	return service
}

func (s *fakeService) serve() {
	for {
		conn, err := s.listener.Accept()
		if err != nil {
			return
		}
		go s.handle(conn)
	}
}

func (s *fakeService) handle(conn net.Conn) {
	defer conn.Close()
	kind, payload, err := readFrame(conn)
	if err != nil {
		return
	}
	switch kind {
	case frameSession:
		header, rest, err := readStrings(payload)
		if err != nil {
			return
		}
		_, rest, _ = readStrings(rest)
		env, _, _ := readStrings(rest)
		s.headers <- header
		s.envs <- env
		s.script(conn, header)
	case frameStatus:
		writeFrame(conn, frameAnswer, []byte("fake service on "+filepath.Base(s.socket)+"\n"))
	case frameStop:
		writeFrame(conn, frameAnswer, []byte("stopping"))
		// A real service exits once its sessions end, and removes its socket as it goes.
		go func() {
			time.Sleep(100 * time.Millisecond)
			s.listener.Close()
		}()
	}
}

func exitFrame(code int32) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(code))
}

// handshakeAndExit is a whole short session: the handshake, a log line, the exit code.
func handshakeAndExit(code int32) sessionScript {
	return func(conn net.Conn, header []string) {
		writeFrame(conn, frameOut, []byte("1|6|unix|/tmp/plugin.sock|grpc|\n"))
		writeFrame(conn, frameErr, []byte(`{"@level":"info","@message":"hello"}`+"\n"))
		writeFrame(conn, frameExit, exitFrame(code))
	}
}

// fakeServiceProcess is the test binary started as the "JVM" of a service. It does what the contract
// asks of the Java side that the launcher can observe: a ready line on stdout, the socket, sessions,
// status and stop. Its status answer reports what the launcher gave it, for the tests to check.
func fakeServiceProcess(args []string) int {
	options := map[string]string{}
	for i := 0; i+1 < len(args); i += 2 {
		options[strings.TrimPrefix(args[i], "--")] = args[i+1]
	}
	switch {
	case strings.Contains(options["jar"], "fails"):
		fmt.Println("failed the fake was told to fail")
		return 1
	case strings.Contains(options["jar"], "silent"):
		return 1
	}
	listener, err := net.ListenUnix("unix", &net.UnixAddr{Name: options["socket"], Net: "unix"})
	if err != nil {
		fmt.Printf("failed %v\n", err)
		return 1
	}
	defer listener.Close()
	fmt.Fprintln(os.Stderr, "the fake service writes this to its .out file")
	fmt.Printf("ready %d\n", os.Getpid())
	idle, _ := strconv.Atoi(options["idle-seconds"])
	stdin, _ := os.Stdin.Stat()
	leader := syscall.Getpgrp() == os.Getpid()
	report := fmt.Sprintf("pid %d, group leader %v, stdin is a device %v, API key in env %q, idle %d, log %q\n",
		os.Getpid(), leader, stdin != nil && stdin.Mode()&os.ModeDevice != 0,
		os.Getenv("HYPERSTACK_API_KEY"), idle, options["log"])
	for {
		listener.SetDeadline(time.Now().Add(time.Duration(idle) * time.Second))
		conn, err := listener.Accept()
		if err != nil {
			return 0
		}
		kind, payload, err := readFrame(conn)
		switch {
		case err != nil:
		case kind == frameSession:
			header, _, _ := readStrings(payload)
			if len(header) != 4 || header[0] != serviceProtocol || header[1] != options["key"] {
				writeFrame(conn, frameRefused, []byte(fmt.Sprintf("wrong header %q", header)))
			} else {
				handshakeAndExit(0)(conn, header)
			}
		case kind == frameStatus:
			writeFrame(conn, frameAnswer, []byte(report))
		case kind == frameStop:
			writeFrame(conn, frameAnswer, []byte("stopping"))
			conn.Close()
			return 0
		}
		conn.Close()
	}
}
