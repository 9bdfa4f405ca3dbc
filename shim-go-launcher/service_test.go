//go:build !windows

package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestFramesRoundTrip(t *testing.T) {
	var wire bytes.Buffer
	frames := []struct {
		kind    byte
		payload []byte
	}{{frameOut, []byte("1|6|unix|/x|grpc|\n")}, {frameStatus, nil}, {frameExit, exitFrame(-2)}}
	for _, f := range frames {
		if err := writeFrame(&wire, f.kind, f.payload); err != nil {
			t.Fatal(err)
		}
	}
	if wire.Len() != 3*frameHeaderSize+len(frames[0].payload)+4 {
		t.Errorf("%d bytes on the wire", wire.Len())
	}
	for _, f := range frames {
		kind, payload, err := readFrame(&wire)
		if err != nil || kind != f.kind || !bytes.Equal(payload, f.payload) {
			t.Errorf("read %c %q %v, want %c %q", kind, payload, err, f.kind, f.payload)
		}
	}
	if _, _, err := readFrame(&wire); err != io.EOF {
		t.Errorf("a clean end between frames must be io.EOF, got %v", err)
	}
	if _, _, err := readFrame(bytes.NewReader([]byte{frameOut, 0, 0, 0, 9, 'a'})); err != io.ErrUnexpectedEOF {
		t.Errorf("an end inside a frame must be io.ErrUnexpectedEOF, got %v", err)
	}
}

func TestFrameHeaderIsBigEndian(t *testing.T) {
	var wire bytes.Buffer
	writeFrame(&wire, frameErr, make([]byte, 0x0102))
	if got := wire.Bytes()[:5]; !bytes.Equal(got, []byte{'E', 0, 0, 1, 2}) {
		t.Errorf("header %v", got)
	}
}

func TestStringListsRoundTrip(t *testing.T) {
	header := []string{"1", "0123456789abcdef", "/work dir", "42"}
	env := []string{"A=b", "EMPTY=", "UTF8=ünïcødé", "MULTI=line1\nline2"}
	payload := sessionPayload(header, nil, env)
	if got := binary.BigEndian.Uint32(payload); got != 4 {
		t.Fatalf("count %d", got)
	}
	gotHeader, rest, err := readStrings(payload)
	if err != nil || strings.Join(gotHeader, "|") != strings.Join(header, "|") {
		t.Fatalf("header %q, %v", gotHeader, err)
	}
	args, rest, err := readStrings(rest)
	if err != nil || len(args) != 0 {
		t.Fatalf("args %q, %v", args, err)
	}
	gotEnv, rest, err := readStrings(rest)
	if err != nil || strings.Join(gotEnv, "|") != strings.Join(env, "|") || len(rest) != 0 {
		t.Fatalf("env %q, rest %d, %v", gotEnv, len(rest), err)
	}
	for _, bad := range [][]byte{
		{0, 0},                        // no room for the count
		{0, 0, 0, 1, 0, 0, 0, 5, 'a'}, // a string longer than what is left
		{0xff, 0xff, 0xff, 0xff},      // a count no payload could hold
	} {
		if _, _, err := readStrings(bad); err == nil {
			t.Errorf("accepted %v", bad)
		}
	}
}

func TestPayloadsOver16MiBAreRefused(t *testing.T) {
	if err := writeFrame(io.Discard, frameOut, make([]byte, maxPayload+1)); err == nil {
		t.Error("wrote a frame over the limit")
	}
	if err := writeFrame(io.Discard, frameOut, make([]byte, maxPayload)); err != nil {
		t.Errorf("a frame of exactly the limit: %v", err)
	}
	header := []byte{frameOut, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(header[1:], maxPayload+1)
	// Only the header: the length alone must be refused, before anything is allocated or read.
	if _, _, err := readFrame(bytes.NewReader(header)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("read a frame over the limit: %v", err)
	}
}

// privateDir is a socket directory that passes the checks (MkdirTemp makes it 0700, which t.TempDir's
// numbered directories are not) with a short path (t.TempDir's paths carry the test's name, and
// socket paths must stay under 100 bytes).
func privateDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "svc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// keyFixture is a jar and a Java installation to compute build keys for.
func keyFixture(t *testing.T) (Java, Layout) {
	t.Helper()
	home := fakeJavaHome(t, "21.0.1")
	jar := filepath.Join(t.TempDir(), jarName)
	if err := os.WriteFile(jar, []byte("jar one"), 0o644); err != nil {
		t.Fatal(err)
	}
	return Java{Executable: filepath.Join(home, "bin", "java"), Home: home, Major: 21}, Layout{Jar: jar}
}

func env(values map[string]string) func(string) string {
	return func(name string) string { return values[name] }
}

func mustKey(t *testing.T, java Java, layout Layout, getenv func(string) string) string {
	t.Helper()
	key, err := buildKey(java, layout, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != 16 || strings.Trim(key, "0123456789abcdef") != "" {
		t.Fatalf("key %q is not 16 lower-case hex digits", key)
	}
	return key
}

func TestBuildKeyFollowsTheJarTheJvmAndItsOptions(t *testing.T) {
	java, layout := keyFixture(t)
	none := env(nil)
	key := mustKey(t, java, layout, none)
	if again := mustKey(t, java, layout, none); again != key {
		t.Fatalf("the same build gives %s and %s", key, again)
	}
	info, _ := os.Stat(layout.Jar)
	mtime := info.ModTime()

	later := mtime.Add(time.Second)
	os.Chtimes(layout.Jar, later, later)
	if mustKey(t, java, layout, none) == key {
		t.Error("a new modification time must give a new key")
	}
	os.Chtimes(layout.Jar, mtime, mtime)
	if mustKey(t, java, layout, none) != key {
		t.Error("the same jar again must give the same key")
	}

	os.WriteFile(layout.Jar, []byte("jar two, longer"), 0o644)
	os.Chtimes(layout.Jar, mtime, mtime)
	if mustKey(t, java, layout, none) == key {
		t.Error("a new size must give a new key")
	}
	os.WriteFile(layout.Jar, []byte("jar one"), 0o644)
	os.Chtimes(layout.Jar, mtime, mtime)
	if mustKey(t, java, layout, none) != key {
		t.Error("the jar's content is not hashed; the same size and time must give the same key")
	}

	if mustKey(t, java, layout, env(map[string]string{extraOptionsVariable: "-Xmx1g"})) == key {
		t.Errorf("other JVM options must give a new key")
	}
	if mustKey(t, java, layout, env(map[string]string{"HYPERSTACK_API_KEY": "secret"})) != key {
		t.Errorf("variables that are not on the command line must not change the key")
	}
	if mustKey(t, java, Layout{Jar: layout.Jar, Archive: "/c/a.jsa"}, none) == key {
		t.Errorf("the class-data archive is on the command line, so in the key")
	}

	release := filepath.Join(java.Home, "release")
	os.WriteFile(release, []byte("JAVA_VERSION=\"21.0.2\"\n"), 0o644)
	if mustKey(t, java, layout, none) == key {
		t.Error("an updated JDK (its release file) must give a new key")
	}
}

func TestBuildKeyChangesWhenTheJarIsReplacedInPlace(t *testing.T) {
	java, layout := keyFixture(t)
	key := mustKey(t, java, layout, env(nil))
	info, _ := os.Stat(layout.Jar)
	replacement := layout.Jar + ".new"
	os.WriteFile(replacement, []byte("jar one"), 0o644)
	os.Chtimes(replacement, info.ModTime(), info.ModTime())
	if err := os.Rename(replacement, layout.Jar); err != nil {
		t.Fatal(err)
	}
	if mustKey(t, java, layout, env(nil)) == key {
		t.Error("a jar renamed into place (same size and time, another inode) must give a new key")
	}
}

func TestServiceDirectoryIsCreatedPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "parent", "services")
	if err := prepareServiceDir(dir); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() || info.Mode().Perm() != 0o700 {
		t.Fatalf("got %v, %v; want a 0700 directory", info.Mode(), err)
	}
	if err := prepareServiceDir(dir); err != nil {
		t.Errorf("the directory made last time: %v", err)
	}
}

func TestServiceDirectoryOthersCouldUseIsRefused(t *testing.T) {
	open := filepath.Join(t.TempDir(), "open")
	os.Mkdir(open, 0o700)
	os.Chmod(open, 0o755)
	if err := prepareServiceDir(open); err == nil || !strings.Contains(err.Error(), "0755") {
		t.Errorf("a 0755 directory: %v", err)
	}
	if err := checkServiceDir(open); err == nil {
		t.Error("checkServiceDir accepted a 0755 directory")
	}

	private := filepath.Join(t.TempDir(), "private")
	os.Mkdir(private, 0o700)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(private, link); err != nil {
		t.Fatal(err)
	}
	if err := prepareServiceDir(link); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a symlink to a private directory: %v", err)
	}

	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if err := prepareServiceDir(file); err == nil {
		t.Error("a plain file accepted as the socket directory")
	}
}

func TestServiceDirectoryPlaces(t *testing.T) {
	if got := serviceDirectory(env(map[string]string{serviceDirVariable: "/s", "XDG_RUNTIME_DIR": "/run/user/7"})); got != "/s" {
		t.Errorf("override: %s", got)
	}
	if got := serviceDirectory(env(map[string]string{"XDG_RUNTIME_DIR": "/run/user/7"})); got != "/run/user/7/"+binaryName {
		t.Errorf("runtime directory: %s", got)
	}
	want := filepath.Join(os.TempDir(), binaryName+"-"+strconv.Itoa(os.Geteuid()))
	if got := serviceDirectory(env(nil)); got != want {
		t.Errorf("temporary directory: %s, want %s", got, want)
	}
}

func TestLongSocketPathsAreRefused(t *testing.T) {
	if err := checkSocketPath("/" + strings.Repeat("x", 99)); err != nil {
		t.Errorf("100 bytes: %v", err)
	}
	if err := checkSocketPath("/" + strings.Repeat("x", 100)); err == nil {
		t.Error("101 bytes accepted")
	}
	java, layout := keyFixture(t)
	deep := filepath.Join(t.TempDir(), strings.Repeat("d", 80))
	_, err := servicePathsFor(java, layout, env(map[string]string{serviceDirVariable: deep}))
	if err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("want a socket path error, got %v", err)
	}
}

func TestServicePathsNameTheBuildsFiles(t *testing.T) {
	java, layout := keyFixture(t)
	dir, cache := privateDir(t), t.TempDir()
	paths, err := servicePathsFor(java, layout, env(map[string]string{serviceDirVariable: dir, archiveDirVariable: cache}))
	if err != nil {
		t.Fatal(err)
	}
	k := paths.Key
	if paths.Socket != filepath.Join(dir, k+".sock") || paths.Lock != filepath.Join(dir, k+".lock") ||
		paths.Log != filepath.Join(cache, "service-"+k+".log") || paths.Out != filepath.Join(cache, "service-"+k+".out") {
		t.Errorf("paths %+v", paths)
	}
}

func TestIdleParsing(t *testing.T) {
	good := map[string]int{"90s": 90, "10m": 600, "45": 45, "1h": 3600, "1.5m": 90, "1s": 1}
	for text, want := range good {
		if got, err := parseIdle(text); err != nil || got != want {
			t.Errorf("parseIdle(%q) = %d, %v; want %d", text, got, err, want)
		}
	}
	for _, text := range []string{"0", "-5", "abc", "500ms", "10 minutes", "99999999999"} {
		if got, err := parseIdle(text); err == nil {
			t.Errorf("parseIdle(%q) = %d, want an error", text, got)
		}
	}
	var log bytes.Buffer
	if got := serviceIdle(env(nil), &log); got != defaultIdleSeconds || log.Len() != 0 {
		t.Errorf("unset: %d, log %q", got, log.String())
	}
	if got := serviceIdle(env(map[string]string{serviceIdleVariable: "soon"}), &log); got != defaultIdleSeconds ||
		!strings.Contains(log.String(), `"@level":"debug"`) || !strings.Contains(log.String(), serviceIdleVariable) {
		t.Errorf("invalid: %d, log %q", got, log.String())
	}
	if got := serviceIdle(env(map[string]string{serviceIdleVariable: "2m"}), io.Discard); got != 120 {
		t.Errorf("2m: %d", got)
	}
}

func TestServiceEnvironmentKeepsNoSecrets(t *testing.T) {
	kept := serviceEnvironment([]string{
		"PATH=/bin", "HOME=/home/u", "LC_ALL=C.UTF-8", "LANG=C", "JAVA_HOME=/j", "TZ=UTC",
		"HYPERSTACK_API_KEY=secret", "TF_LOG=trace", "PLUGIN_CLIENT_CERT=-----BEGIN", "TF_PLUGIN_MAGIC_COOKIE=x",
		"PATHOLOGICAL=1", "TF_HYPERSTACK_JAVA_OPTS=-Xmx1g",
	})
	want := "PATH=/bin HOME=/home/u LC_ALL=C.UTF-8 LANG=C JAVA_HOME=/j TZ=UTC"
	if got := strings.Join(kept, " "); got != want {
		t.Errorf("kept %q\nwant %q", got, want)
	}
}

func TestWhichStartsGoToTheService(t *testing.T) {
	cookie := map[string]string{"TF_PLUGIN_MAGIC_COOKIE": pluginCookie}
	if !serviceWanted(nil, env(cookie)) {
		t.Error("Terraform's start must go to the service")
	}
	if serviceWanted([]string{"--debug"}, env(cookie)) {
		t.Error("a start with arguments must not")
	}
	if serviceWanted(nil, env(map[string]string{"TF_PLUGIN_MAGIC_COOKIE": "other"})) || serviceWanted(nil, env(nil)) {
		t.Error("a start without go-plugin's cookie must not")
	}
	for _, off := range []string{"off", "OFF", "0", "false", "No", " no "} {
		if serviceWanted(nil, env(map[string]string{"TF_PLUGIN_MAGIC_COOKIE": pluginCookie, serviceVariable: off})) {
			t.Errorf("%s=%q must turn it off", serviceVariable, off)
		}
	}
	if !serviceWanted(nil, env(map[string]string{"TF_PLUGIN_MAGIC_COOKIE": pluginCookie, serviceVariable: "on"})) {
		t.Error("any other value keeps it on")
	}
	if a, ok := serviceAction([]string{"service", "stop"}); !ok || a != "stop" {
		t.Error("service stop")
	}
	if _, ok := serviceAction([]string{"service", "restart"}); ok {
		t.Error("service restart is not a service command")
	}
}

func TestDebugLinesAreHclogJson(t *testing.T) {
	var out bytes.Buffer
	now := time.Date(2025, 3, 4, 5, 6, 7, 890123000, time.UTC)
	writeLogLine(&out, `a "quoted" <path>`, now)
	if !strings.HasSuffix(out.String(), "}\n") || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("not one line: %q", out.String())
	}
	var line map[string]string
	if err := json.Unmarshal(out.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"@level": "debug", "@message": `a "quoted" <path>`,
		"@module": "provider.terraform-provider-hyperstack", "@timestamp": "2025-03-04T05:06:07.890123Z"}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("%s = %q, want %q", k, line[k], v)
		}
	}
}

// frames builds a service's side of a session for relay.
func frames(parts ...interface{}) io.Reader {
	var wire bytes.Buffer
	for i := 0; i < len(parts); i += 2 {
		var payload []byte
		switch p := parts[i+1].(type) {
		case string:
			payload = []byte(p)
		case []byte:
			payload = p
		}
		writeFrame(&wire, parts[i].(byte), payload)
	}
	return &wire
}

func TestRelayWritesOutputAndExitsWithTheCode(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code, err := relay(frames(byte(frameErr), "log 1\n", byte(frameOut), "handshake\n", byte(frameErr), "log 2\n",
		byte(frameExit), exitFrame(3)), &stdout, &stderr)
	if err != nil || code != 3 || stdout.String() != "handshake\n" || stderr.String() != "log 1\nlog 2\n" {
		t.Errorf("code %d, err %v, stdout %q, stderr %q", code, err, stdout.String(), stderr.String())
	}
}

func isFallback(err error) bool {
	var fb *fallbackError
	return errors.As(err, &fb)
}

func TestRelayFallsBackOnlyBeforeTheHandshake(t *testing.T) {
	cases := []struct {
		name     string
		wire     io.Reader
		fallback bool
	}{
		{"end of file before any frame", frames(), true},
		{"refused", frames(byte(frameRefused), "another build"), true},
		{"a log line, then the end", frames(byte(frameErr), "starting\n"), true},
		{"cut inside the first frame", bytes.NewReader([]byte{frameOut, 0, 0, 0, 9}), true},
		{"end of file after the handshake", frames(byte(frameOut), "handshake\n"), false},
		{"refused after the handshake", frames(byte(frameOut), "handshake\n", byte(frameRefused), "?"), false},
		{"a bad exit frame after the handshake", frames(byte(frameOut), "h\n", byte(frameExit), "x"), false},
	}
	for _, c := range cases {
		_, err := relay(c.wire, io.Discard, io.Discard)
		if err == nil || isFallback(err) != c.fallback {
			t.Errorf("%s: error %v, fallback %v; want fallback %v", c.name, err, isFallback(err), c.fallback)
		}
	}
	_, err := relay(frames(byte(frameOut), "handshake\n"), io.Discard, io.Discard)
	if !strings.Contains(err.Error(), "without an exit code") {
		t.Errorf("detail for the service's death: %v", err)
	}
}

// sessionFixture is a build whose service directory and cache are fresh temporary directories.
func sessionFixture(t *testing.T) (Java, Layout, func(string) string, servicePaths) {
	t.Helper()
	java, layout := keyFixture(t)
	getenv := env(map[string]string{serviceDirVariable: privateDir(t), archiveDirVariable: t.TempDir()})
	paths, err := servicePathsFor(java, layout, getenv)
	if err != nil {
		t.Fatal(err)
	}
	return java, layout, getenv, paths
}

func TestSessionRelaysAFakeService(t *testing.T) {
	java, layout, getenv, paths := sessionFixture(t)
	service := startFakeService(t, paths.Socket, handshakeAndExit(0))
	t.Setenv("HYPERSTACK_API_KEY", "walk-secret")
	var stdout, stderr bytes.Buffer
	code, err := session(java, layout, getenv, &stdout, &stderr)
	if err != nil || code != 0 {
		t.Fatalf("code %d, err %v", code, err)
	}
	if stdout.String() != "1|6|unix|/tmp/plugin.sock|grpc|\n" || !strings.Contains(stderr.String(), "hello") {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
	header := <-service.headers
	cwd, _ := os.Getwd()
	if len(header) != 4 || header[0] != "1" || header[1] != paths.Key || header[2] != cwd || header[3] != strconv.Itoa(os.Getpid()) {
		t.Errorf("header %q", header)
	}
	// The walk's own environment goes with the session, secrets included: the session needs them.
	if sent := strings.Join(<-service.envs, "\n"); !strings.Contains(sent, "HYPERSTACK_API_KEY=walk-secret") {
		t.Errorf("the walk's environment was not sent")
	}
}

func TestSessionEndsInAnErrorWhenTheServiceDiesAfterTheHandshake(t *testing.T) {
	java, layout, getenv, paths := sessionFixture(t)
	startFakeService(t, paths.Socket, func(conn net.Conn, header []string) {
		writeFrame(conn, frameOut, []byte("handshake\n"))
	})
	var stdout bytes.Buffer
	_, err := session(java, layout, getenv, &stdout, io.Discard)
	if err == nil || isFallback(err) || stdout.String() != "handshake\n" {
		t.Errorf("err %v (fallback %v), stdout %q", err, isFallback(err), stdout.String())
	}
}

func TestSessionFallsBackWhenRefusedOrClosedBeforeTheHandshake(t *testing.T) {
	for name, script := range map[string]sessionScript{
		"refused": func(conn net.Conn, header []string) { writeFrame(conn, frameRefused, []byte("stopping")) },
		"closed":  func(conn net.Conn, header []string) {},
	} {
		java, layout, getenv, paths := sessionFixture(t)
		startFakeService(t, paths.Socket, script)
		var stdout bytes.Buffer
		_, err := session(java, layout, getenv, &stdout, io.Discard)
		if !isFallback(err) || stdout.Len() != 0 {
			t.Errorf("%s: err %v, stdout %q", name, err, stdout.String())
		}
	}
}

func TestSessionFallsBackWhenTheDirectoryIsNotPrivate(t *testing.T) {
	java, layout := keyFixture(t)
	dir := t.TempDir()
	os.Chmod(dir, 0o750)
	_, err := session(java, layout, env(map[string]string{serviceDirVariable: dir}), io.Discard, io.Discard)
	if !isFallback(err) || !strings.Contains(err.Error(), "0750") {
		t.Errorf("got %v", err)
	}
}

// staleSocket leaves a socket file with nobody listening, as a service killed with SIGKILL does.
func staleSocket(t *testing.T, path string) {
	t.Helper()
	listener, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	listener.SetUnlinkOnClose(false)
	listener.Close()
}

func TestServiceStatusAndStop(t *testing.T) {
	dir := privateDir(t)
	getenv := env(map[string]string{serviceDirVariable: dir})
	live := filepath.Join(dir, "0123456789abcdef.sock")
	stale := filepath.Join(dir, "fedcba9876543210.sock")
	startFakeService(t, live, handshakeAndExit(0))
	staleSocket(t, stale)

	var stdout, stderr bytes.Buffer
	if code := serviceCommand("status", getenv, &stdout, &stderr); code != 0 {
		t.Fatalf("status: %d, %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "fake service on 0123456789abcdef.sock\n") ||
		!strings.Contains(stdout.String(), stale+": no service answers; removed this stale socket") {
		t.Errorf("status said %q", stdout.String())
	}
	if _, err := os.Lstat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stale socket is still there: %v", err)
	}

	stdout.Reset()
	if code := serviceCommand("stop", getenv, &stdout, &stderr); code != 0 {
		t.Fatalf("stop: %d, %s", code, stderr.String())
	}
	if stdout.String() != "stopping\nstopped\n" {
		t.Errorf("stop said %q", stdout.String())
	}
	if _, err := os.Lstat(live); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stop returned before the service's socket was gone: %v", err)
	}

	stdout.Reset()
	serviceCommand("status", getenv, &stdout, &stderr)
	if stdout.String() != "no provider service is running\n" {
		t.Errorf("status with no services said %q", stdout.String())
	}
	stdout.Reset()
	serviceCommand("status", env(map[string]string{serviceDirVariable: filepath.Join(dir, "none")}), &stdout, &stderr)
	if stdout.String() != "no provider service is running\n" {
		t.Errorf("status without a directory said %q", stdout.String())
	}
}

func TestStartLockIsExclusiveAndTheWaitBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.lock")
	first, err := lockStart(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if second, err := lockStart(path, 50*time.Millisecond); err == nil {
		second.Close()
		t.Fatal("the lock was granted twice")
	}
	if waited := time.Since(started); waited < 50*time.Millisecond || waited > 2*time.Second {
		t.Errorf("waited %v", waited)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("lock file mode %v", info.Mode())
	}
	first.Close()
	second, err := lockStart(path, time.Second)
	if err != nil {
		t.Fatalf("the lock was not released: %v", err)
	}
	second.Close()
}

func TestReadyLine(t *testing.T) {
	for text, want := range map[string]string{
		"ready 42\n":            "",
		"failed no port\n":      "failed",
		"hello\n":               "instead of its ready line",
		"ready x\n":             "instead of its ready line",
		"":                      "exited without",
		"ready 42 (no newline)": "exited without",
	} {
		r, w, _ := os.Pipe()
		w.WriteString(text)
		w.Close()
		pid, err := readReady(r, time.Second)
		r.Close()
		if want == "" && (err != nil || pid != 42) || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%q: pid %d, err %v; want %q", text, pid, err, want)
		}
	}
	r, w, _ := os.Pipe()
	defer w.Close()
	defer r.Close()
	if _, err := readReady(r, 50*time.Millisecond); err == nil || !strings.Contains(err.Error(), "nothing within") {
		t.Errorf("a silent service: %v", err)
	}
}

func TestInheritedDescriptorsAreKeptFromTheService(t *testing.T) {
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil { // without O_CLOEXEC, like a leaked descriptor
		t.Fatal(err)
	}
	defer syscall.Close(fds[0])
	defer syscall.Close(fds[1])
	restore := keepDescriptorsFromChildren()
	flags, _ := descriptorFlags(fds[0])
	restore()
	after, _ := descriptorFlags(fds[0])
	if flags&syscall.FD_CLOEXEC == 0 || after&syscall.FD_CLOEXEC != 0 {
		t.Errorf("close-on-exec during the start %v, after it %v", flags&syscall.FD_CLOEXEC != 0, after&syscall.FD_CLOEXEC != 0)
	}
}

// startFixture is a build whose "java" is this test binary, which then plays the service (TestMain).
func startFixture(t *testing.T, jarDir string) (Java, Layout, func(string) string, servicePaths) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	home := fakeJavaHome(t, "21.0.1")
	jar := filepath.Join(t.TempDir(), jarDir, jarName)
	os.MkdirAll(filepath.Dir(jar), 0o755)
	os.WriteFile(jar, []byte("jar"), 0o644)
	java := Java{Executable: self, Home: home, Major: 21}
	layout := Layout{Jar: jar}
	getenv := env(map[string]string{serviceDirVariable: privateDir(t), archiveDirVariable: t.TempDir(),
		serviceIdleVariable: "20s"})
	paths, err := servicePathsFor(java, layout, getenv)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { serviceCommand("stop", getenv, io.Discard, io.Discard) })
	return java, layout, getenv, paths
}

func TestSessionStartsADetachedServiceAndUsesItAgain(t *testing.T) {
	java, layout, getenv, paths := startFixture(t, "ok")
	t.Setenv("HYPERSTACK_API_KEY", "walk-secret")
	var stdout, stderr bytes.Buffer
	code, err := session(java, layout, getenv, &stdout, &stderr)
	if err != nil || code != 0 || stdout.String() != "1|6|unix|/tmp/plugin.sock|grpc|\n" {
		t.Fatalf("code %d, err %v, stdout %q, stderr %q", code, err, stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), "started the provider service (pid ") ||
		!strings.Contains(stderr.String(), "for build "+paths.Key) {
		t.Errorf("no debug line about the start: %q", stderr.String())
	}

	stderr.Reset()
	stdout.Reset()
	if code, err := session(java, layout, getenv, &stdout, &stderr); err != nil || code != 0 ||
		strings.Contains(stderr.String(), "started") {
		t.Errorf("second walk: code %d, err %v, stderr %q", code, err, stderr.String())
	}

	var status bytes.Buffer
	serviceCommand("status", getenv, &status, io.Discard)
	report := status.String()
	for _, want := range []string{"group leader true", "stdin is a device true", `API key in env ""`,
		"idle 20,", `log "` + paths.Log + `"`} {
		if !strings.Contains(report, want) {
			t.Errorf("the service reports %q; want %q in it", report, want)
		}
	}
	if out, err := os.ReadFile(paths.Out); err != nil || !strings.Contains(string(out), "writes this to its .out file") {
		t.Errorf(".out file: %q, %v", out, err)
	}
	if info, err := os.Stat(paths.Out); err == nil && info.Mode().Perm() != 0o600 {
		t.Errorf(".out file mode %v", info.Mode())
	}
}

func TestSessionReplacesAStaleSocket(t *testing.T) {
	java, layout, getenv, paths := startFixture(t, "stale")
	staleSocket(t, paths.Socket)
	code, err := session(java, layout, getenv, io.Discard, io.Discard)
	if err != nil || code != 0 {
		t.Errorf("code %d, err %v", code, err)
	}
}

func TestSessionFallsBackWhenTheServiceCannotStart(t *testing.T) {
	for jarDir, want := range map[string]string{
		"fails":  "the fake was told to fail",
		"silent": "exited without saying it was ready",
	} {
		java, layout, getenv, _ := startFixture(t, jarDir)
		started := time.Now()
		_, err := session(java, layout, getenv, io.Discard, io.Discard)
		if !isFallback(err) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "see ") {
			t.Errorf("%s: %v", jarDir, err)
		}
		if time.Since(started) > 5*time.Second {
			t.Errorf("%s: the fallback took %v", jarDir, time.Since(started))
		}
	}
}

func TestTheServiceRunsWithC2AndExitsOnOutOfMemory(t *testing.T) {
	java := Java{Executable: "/jdk/bin/java", Home: "/jdk", Major: 17}
	layout := Layout{Jar: "/p/terraform-provider-hyperstack.jar"}
	none := func(string) string { return "" }
	service := strings.Join(serviceCommandLine(java, layout, none, []string{"service-run"}), " ")
	plugin := strings.Join(commandLine(java, layout, none, nil), " ")
	for _, shortLife := range []string{"-XX:TieredStopAtLevel=1", singleCompilerThread} {
		if strings.Contains(service, shortLife) {
			t.Errorf("the service keeps %s: %s", shortLife, service)
		}
		if !strings.Contains(plugin, shortLife) {
			t.Errorf("a walk's own JVM lost %s: %s", shortLife, plugin)
		}
	}
	if !strings.Contains(service, "-XX:+ExitOnOutOfMemoryError") || strings.Contains(plugin, "ExitOnOutOfMemoryError") {
		t.Errorf("only the service exits on OutOfMemoryError:\n%s\n%s", service, plugin)
	}
	if !strings.Contains(service, "-Xmx512m") || !strings.HasSuffix(service, mainClass+" service-run") {
		t.Errorf("the service's heap is bounded and it runs the service command: %s", service)
	}
}
