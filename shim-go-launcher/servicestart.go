//go:build !windows

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	// serviceIdleVariable sets how long a service waits for a session before it exits.
	serviceIdleVariable = "TF_HYPERSTACK_SERVICE_IDLE"
	defaultIdleSeconds  = 600

	// startLockWait covers another launcher's whole start of the same service (at most readyWait)
	// with room to spare; after it the holder is taken to be stuck.
	startLockWait = 60 * time.Second
	lockPoll      = 10 * time.Millisecond
	// readyWait bounds a service's start: a cold JVM is ready in well under a second, so a service
	// that says nothing for this long is not going to be of use to this walk.
	readyWait = 30 * time.Second
	// failedGrace is how long a service that said "failed" may take to exit before it is killed.
	failedGrace = 2 * time.Second
)

// connectOrStart returns a connection to the build's service, starting the service when none answers.
// The start lock makes concurrent launchers (Terraform runs several providers at once, and users run
// several Terraforms) start one service between them instead of one each.
func connectOrStart(java Java, layout Layout, paths servicePaths, getenv func(string) string, stderr io.Writer) (*net.UnixConn, error) {
	if conn, err := dialService(paths.Socket); err == nil {
		return conn, nil
	}
	lock, err := lockStart(paths.Lock, startLockWait)
	if err != nil {
		return nil, fallback("cannot take the start lock: %v", err)
	}
	locked := true
	unlock := func() {
		if locked {
			// Closing the file releases the flock; the file itself stays, since removing a lock file
			// others may hold open would let two launchers lock two different files.
			lock.Close()
			locked = false
		}
	}
	defer unlock()

	// Whoever held the lock before us may have started the service meanwhile.
	conn, err := dialService(paths.Socket)
	if err == nil {
		return conn, nil
	}
	if !noServiceThere(err) {
		// A socket that exists but neither answers nor refuses (a full backlog, say) may belong to a
		// live service: removing it would orphan that service.
		return nil, fallback("cannot connect to the provider service: %v", err)
	}
	if err := os.Remove(paths.Socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fallback("cannot remove the stale socket %s: %v", paths.Socket, err)
	}
	pid, err := startService(java, layout, paths, getenv, stderr)
	if err != nil {
		return nil, fallback("the provider service did not start: %v", err)
	}
	debugLine(stderr, fmt.Sprintf("started the provider service (pid %d) for build %s", pid, paths.Key))
	unlock()
	conn, err = dialService(paths.Socket)
	if err != nil {
		return nil, fallback("cannot connect to the provider service that was just started: %v", err)
	}
	return conn, nil
}

// noServiceThere tells the errors of a socket with no service behind it: no file, or nobody listening.
func noServiceThere(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOENT)
}

// lockStart takes the exclusive start lock, polling so that the wait can be bounded: a blocking flock
// would wait for ever on a launcher that hangs while holding it.
func lockStart(path string, wait time.Duration) (*os.File, error) {
	file, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(file.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return file, nil
		}
		if err != syscall.EWOULDBLOCK && err != syscall.EINTR {
			file.Close()
			return nil, err
		}
		if time.Now().After(deadline) {
			file.Close()
			return nil, fmt.Errorf("another launcher has held %s for %v", path, wait)
		}
		time.Sleep(lockPoll)
	}
}

// startService starts a detached service and waits for its ready line; it returns the service's pid.
func startService(java Java, layout Layout, paths servicePaths, getenv func(string) string, stderr io.Writer) (int, error) {
	out, logFile := serviceOutput(paths)
	if out != nil {
		defer out.Close()
	}
	readEnd, writeEnd, err := os.Pipe()
	if err != nil {
		return 0, err
	}
	defer readEnd.Close()

	argv := serviceCommandLine(java, layout, getenv, []string{
		"service-run",
		"--socket", paths.Socket,
		"--key", paths.Key,
		"--jar", layout.Jar,
		"--log", logFile,
		"--idle-seconds", strconv.Itoa(serviceIdle(getenv, stderr)),
	})
	service := exec.Command(argv[0], argv[1:]...)
	// A session of its own: Terraform's signals to our process group must not reach the service, and
	// it must outlive us. Its standard streams are all files (a nil one is /dev/null, which exec opens),
	// so that exec copies nothing through goroutines that would end with us, and Terraform's pipes are
	// never held open by the service.
	service.SysProcAttr = detachedProcess()
	// The bundled runtime's archive names the jar relative to the launcher's directory.
	service.Dir = layout.WorkDir
	service.Stdout = writeEnd
	if out != nil {
		service.Stderr = out
	}
	service.Env = serviceEnvironment(os.Environ())
	restore := keepDescriptorsFromChildren()
	err = service.Start()
	restore()
	// Only the service may hold the write end: when it dies without a word, our read then ends.
	writeEnd.Close()
	if err != nil {
		return 0, err
	}
	pid, err := readReady(readEnd, readyWait)
	if err != nil {
		grace := time.Duration(0)
		if errors.Is(err, errServiceFailed) || errors.Is(err, io.EOF) {
			grace = failedGrace
		}
		reap(service, grace)
		if out != nil {
			err = fmt.Errorf("%w (see %s)", err, out.Name())
		}
		return 0, err
	}
	service.Process.Release()
	return pid, nil
}

// serviceOutput opens the file for what the JVM prints itself (truncated, so that it tells of the
// latest start only) and names the service's log file. Without a cache directory there is neither:
// the file is nil and the log name empty.
func serviceOutput(paths servicePaths) (*os.File, string) {
	if paths.Out == "" || os.MkdirAll(filepath.Dir(paths.Out), 0o700) != nil {
		return nil, ""
	}
	out, err := os.OpenFile(paths.Out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, paths.Log
	}
	return out, paths.Log
}

var errServiceFailed = errors.New("the service failed")

// readReady reads the service's one line on stdout: "ready <pid>" or "failed <reason>".
func readReady(pipe *os.File, wait time.Duration) (int, error) {
	if err := pipe.SetReadDeadline(time.Now().Add(wait)); err != nil {
		return 0, err
	}
	line, err := bufio.NewReaderSize(pipe, 4096).ReadSlice('\n')
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return 0, fmt.Errorf("it said nothing within %v", wait)
	case err == io.EOF:
		return 0, fmt.Errorf("it exited without saying it was ready: %w", io.EOF)
	case err != nil:
		return 0, err
	}
	text := strings.TrimRight(string(line), "\r\n")
	if reason, ok := cutPrefix(text, "failed"); ok {
		return 0, fmt.Errorf("%w:%s", errServiceFailed, reason)
	}
	if pid, ok := cutPrefix(text, "ready "); ok {
		if n, err := strconv.Atoi(pid); err == nil && n > 0 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("it said %q instead of its ready line", text)
}

// cutPrefix is strings.CutPrefix, which Go 1.19 does not have yet.
func cutPrefix(s, prefix string) (string, bool) {
	if !strings.HasPrefix(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// reap kills a service that is of no use to us (after grace, for one that is exiting by itself) and
// collects it, so that neither a stray service nor a zombie outlives the fallback.
func reap(service *exec.Cmd, grace time.Duration) {
	done := make(chan struct{})
	go func() {
		service.Wait()
		close(done)
	}()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
		return
	case <-timer.C:
	}
	service.Process.Kill()
	<-done
}

// serviceIdle is the idle timeout in seconds for a new service. A bad value must not cost the walk its
// service: it only costs the user their setting, and the debug line says so.
func serviceIdle(getenv func(string) string, stderr io.Writer) int {
	text := strings.TrimSpace(getenv(serviceIdleVariable))
	if text == "" {
		return defaultIdleSeconds
	}
	seconds, err := parseIdle(text)
	if err != nil {
		debugLine(stderr, fmt.Sprintf("%s: %v; using %d seconds", serviceIdleVariable, err, defaultIdleSeconds))
		return defaultIdleSeconds
	}
	return seconds
}

// parseIdle reads a Go duration ("90s", "10m") or a plain number of seconds. Under a second would make
// a service that exits before the next walk of the same command can use it; the upper bound keeps the
// number within what the JVM side reads as an int.
func parseIdle(text string) (int, error) {
	var seconds int64
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		seconds = n
	} else if d, err := time.ParseDuration(text); err == nil {
		seconds = int64(d / time.Second)
	} else {
		return 0, fmt.Errorf("%q is neither a duration such as 10m nor a number of seconds", text)
	}
	if seconds < 1 || seconds > math.MaxInt32 {
		return 0, fmt.Errorf("%q is out of range (1 second to %d seconds)", text, math.MaxInt32)
	}
	return int(seconds), nil
}

// serviceEnvironmentNames are the variables a service may keep from the launcher that started it.
// Everything a walk needs (API key, address, TF_LOG, go-plugin's certificate) comes with each session;
// in the service's own environment it would outlive the walk and leak into every other one.
var serviceEnvironmentNames = map[string]bool{
	"PATH": true, "HOME": true, "USER": true, "LOGNAME": true, "LANG": true, "TZ": true, "TMPDIR": true,
	"XDG_CACHE_HOME": true, "XDG_RUNTIME_DIR": true, "JAVA_HOME": true,
}

func serviceEnvironment(environ []string) []string {
	var kept []string
	for _, entry := range environ {
		name := entry
		if i := strings.IndexByte(entry, '='); i >= 0 {
			name = entry[:i]
		}
		if serviceEnvironmentNames[name] || strings.HasPrefix(name, "LC_") {
			kept = append(kept, entry)
		}
	}
	return kept
}
