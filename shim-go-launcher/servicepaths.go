//go:build !windows

package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// serviceProtocol is the version of the frames and of the session header; a service of another
// version refuses the session, and the version is part of the build key, so it never gets one.
const serviceProtocol = "1"

// serviceDirVariable overrides where the services' sockets live.
const serviceDirVariable = "TF_HYPERSTACK_SERVICE_DIR"

// maxSocketPath leaves room under the smallest sun_path of the systems we run on (104 bytes on macOS,
// 108 on Linux); a longer path would be cut short by the kernel or refused by the JVM.
const maxSocketPath = 100

// servicePaths are the files of the service for one build.
type servicePaths struct {
	Dir    string // the socket directory, checked
	Key    string // the build key
	Socket string
	Lock   string // the start lock
	Log    string // the service's own log, or "" when there is no cache directory
	Out    string // what the JVM itself prints, or "" when there is no cache directory
}

// serviceDirectory is where this user's service sockets live. XDG_RUNTIME_DIR is private to the user
// and emptied at logout, the best home for a socket; the temporary directory, shared by all users,
// gets a per-uid name and the ownership checks of checkServiceDir.
func serviceDirectory(getenv func(string) string) string {
	if dir := getenv(serviceDirVariable); dir != "" {
		return dir
	}
	if runtime := getenv("XDG_RUNTIME_DIR"); runtime != "" {
		return filepath.Join(runtime, binaryName)
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("%s-%d", binaryName, os.Geteuid()))
}

// prepareServiceDir creates the socket directory when it is missing and then checks it.
func prepareServiceDir(dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
			return fmt.Errorf("cannot create %s: %w", filepath.Dir(dir), err)
		}
		if err := os.Mkdir(dir, 0o700); err == nil {
			// A umask may have taken bits away from 0700; the check below wants exactly the user's.
			os.Chmod(dir, 0o700)
		} else if !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("cannot create %s: %w", dir, err)
		}
	}
	return checkServiceDir(dir)
}

// checkServiceDir makes sure nobody else can reach our sockets: anyone who can create a file in the
// directory could plant a socket of their own there and receive every walk's environment, API key
// included. lstat, so that a symlink to a directory someone else controls is refused too.
func checkServiceDir(dir string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if info.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("%s is a symbolic link", dir)
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if stat, ok := info.Sys().(*syscall.Stat_t); ok && int(stat.Uid) != os.Geteuid() {
		return fmt.Errorf("%s belongs to uid %d, not to %d", dir, stat.Uid, os.Geteuid())
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%s has mode %04o; it must give no permission to group or others", dir, perm)
	}
	return nil
}

// buildKey names one build of the provider on one JVM with one command line: a service runs exactly
// one of them, and a launcher must never hand a walk to a service that runs another jar or other
// options. Everything here is a stat or a small read, so that the key costs nothing on a warm start.
func buildKey(java Java, layout Layout, getenv func(string) string) (string, error) {
	jar, err := filepath.EvalSymlinks(layout.Jar)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(jar)
	if err != nil {
		return "", err
	}
	var inode uint64
	if stat, ok := info.Sys().(*syscall.Stat_t); ok {
		inode = uint64(stat.Ino)
	}
	javaExe, err := filepath.EvalSymlinks(java.Executable)
	if err != nil {
		javaExe = java.Executable
	}
	// A missing release file is hashed as empty: the JVM is then told apart by its path alone.
	release, _ := os.ReadFile(filepath.Join(java.Home, "release"))

	hash := fnv.New64a()
	// Every field ends with a NUL, which none of them contains (the release file is text), so that no
	// two different sets of fields hash the same bytes.
	field := func(s string) {
		io.WriteString(hash, s)
		hash.Write([]byte{0})
	}
	field(serviceProtocol)
	field(jar)
	field(strconv.FormatInt(info.Size(), 10))
	field(strconv.FormatInt(info.ModTime().UnixNano(), 10))
	field(strconv.FormatUint(inode, 10))
	field(javaExe)
	field(string(release))
	for _, arg := range serviceCommandLine(java, layout, getenv, nil) {
		field(arg)
	}
	return fmt.Sprintf("%016x", hash.Sum64()), nil
}

// servicePathsFor checks (and if need be creates) the socket directory and names the build's files.
// The error says why this walk cannot use a service.
func servicePathsFor(java Java, layout Layout, getenv func(string) string) (servicePaths, error) {
	dir, err := filepath.Abs(serviceDirectory(getenv))
	if err != nil {
		return servicePaths{}, err
	}
	if err := prepareServiceDir(dir); err != nil {
		return servicePaths{}, fmt.Errorf("the socket directory is not usable: %w", err)
	}
	key, err := buildKey(java, layout, getenv)
	if err != nil {
		return servicePaths{}, fmt.Errorf("cannot make the build key: %w", err)
	}
	paths := servicePaths{
		Dir:    dir,
		Key:    key,
		Socket: filepath.Join(dir, key+".sock"),
		Lock:   filepath.Join(dir, key+".lock"),
	}
	if err := checkSocketPath(paths.Socket); err != nil {
		return servicePaths{}, err
	}
	if cache := archiveDirectory(getenv); cache != "" {
		paths.Log = filepath.Join(cache, "service-"+key+".log")
		paths.Out = filepath.Join(cache, "service-"+key+".out")
	}
	return paths, nil
}

func checkSocketPath(socket string) error {
	if len(socket) > maxSocketPath {
		return fmt.Errorf("the socket path %s is %d bytes long, over the limit of %d", socket, len(socket), maxSocketPath)
	}
	return nil
}
