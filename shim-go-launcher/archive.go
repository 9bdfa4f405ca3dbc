package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// The class-data sharing (CDS) archive maps the classes a start-up loads straight into memory; without
// it every start loads and verifies a few thousand classes one by one. A JDK 17 archive only works for
// the JVM build that wrote it and the class path it was written with (the jar's path, size and time),
// so it cannot ship in the release zip: the launcher makes it the first time it runs from a given jar,
// in a detached background process.
//
// It goes to the user's cache directory, never beside the jar: Terraform checks the files of an
// installed provider against the checksums in .terraform.lock.hcl, and an extra file in the package
// directory would make every later command fail that check.

// makeArchiveFlag runs the launcher as the archive maker: synchronously, as the build does, or
// detached, as a first run does. Not meant for users.
const makeArchiveFlag = "--make-cds-archive"

// trainingClass drives one plugin life through the real command line; see StartupTraining.java.
const trainingClass = "io.tfhyperstack.StartupTraining"

// staleLock is how long a maker may hold the lock; a lock older than this was left by a maker that
// died, and the next start may try again.
const staleLock = 10 * time.Minute

// makerTimeout bounds one training run (a plugin life and the archive dump take a few seconds).
const makerTimeout = 3 * time.Minute

// archiveDirVariable overrides where archives go (default: the user cache directory).
const archiveDirVariable = "TF_HYPERSTACK_CDS_DIR"

// archiveDirectory is where this user's archives live, or "" when there is no such place.
func archiveDirectory(getenv func(string) string) string {
	if dir := getenv(archiveDirVariable); dir != "" {
		return dir
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(cache, binaryName)
}

// archiveFileName names the archive for one jar and one JVM installation: the class path is part of
// what the JVM checks, and a change of JAVA_HOME gets its own archive instead of a silently rejected
// one. The release file changes with every JDK update.
func archiveFileName(jar string, java Java) string {
	hash := fnv.New32a()
	home := java.Home
	if real, err := filepath.EvalSymlinks(home); err == nil {
		home = real
	}
	io.WriteString(hash, jar+"\n"+home+"\n")
	if release, err := os.ReadFile(filepath.Join(java.Home, "release")); err == nil {
		hash.Write(release)
	}
	return fmt.Sprintf("%s-%08x.jsa", binaryName, hash.Sum32())
}

func lockPath(archive string) string   { return archive + ".lock" }
func failedPath(archive string) string { return archive + ".failed" }

// startArchiveMaker starts a detached maker when the layout has no usable archive yet. Everything that
// can go wrong (a read-only install directory, another maker running, a previous failure for this
// jar) just means "not now": it never delays the plugin beyond a fork and never writes to stdout,
// which carries the handshake.
func startArchiveMaker(layout Layout, self string) {
	// Only Terraform's starts (with go-plugin's cookie) make an archive: not the simulator, not a
	// debugging session. A bundled runtime's archive (a layout with a WorkDir) is made by the build,
	// never in the installed package; a bundled runtime whose jar cannot take it (a read-only
	// installation) gets one in the user's cache like any other Java.
	if layout.WorkDir != "" || layout.Archive != "" || layout.ArchiveTarget == "" || os.Getenv(noArchiveVariable) != "" ||
		os.Getenv("TF_PLUGIN_MAGIC_COOKIE") == "" {
		return
	}
	if failedForThisJar(layout) || !takeLock(lockPath(layout.ArchiveTarget)) {
		return
	}
	maker := exec.Command(self, makeArchiveFlag)
	// Its own session: Terraform's signals to the plugin's process group must not reach it, and it
	// holds none of Terraform's pipes (stdin, stdout and stderr are /dev/null), so Terraform never
	// waits for it.
	maker.SysProcAttr = detachedProcess()
	maker.Env = append(os.Environ(), makerOwnsLockVariable+"=1")
	if err := maker.Start(); err != nil {
		os.Remove(lockPath(layout.ArchiveTarget))
		return
	}
	maker.Process.Release()
}

// noArchiveVariable turns archive creation off, for read-only or shared installations.
const noArchiveVariable = "TF_HYPERSTACK_NO_CDS_ARCHIVE"

// makerOwnsLockVariable tells a detached maker that its parent already took the lock.
const makerOwnsLockVariable = "TF_HYPERSTACK_CDS_LOCK_HELD"

func failedForThisJar(layout Layout) bool {
	failed, err := os.Stat(failedPath(layout.ArchiveTarget))
	if err != nil {
		return false
	}
	jar, err := os.Stat(layout.Jar)
	return err == nil && !failed.ModTime().Before(jar.ModTime())
}

// takeLock creates the lock file exclusively; it also tells whether the directory is writable.
func takeLock(path string) bool {
	if os.MkdirAll(filepath.Dir(path), 0o700) != nil {
		return false
	}
	for attempt := 0; attempt < 2; attempt++ {
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			fmt.Fprintf(file, "%d\n", os.Getpid())
			file.Close()
			return true
		}
		if !errors.Is(err, os.ErrExist) {
			return false
		}
		info, statErr := os.Stat(path)
		if statErr != nil || time.Since(info.ModTime()) < staleLock {
			return false
		}
		os.Remove(path)
	}
	return false
}

// makeArchive runs one training life of the plugin with the launcher's own command line, recording
// the classes it loads, then has the JVM dump a static archive of exactly those classes, and moves it
// into place. Static rather than a dynamic archive on top of the JDK's own: one file instead of two
// to map and relocate at every start, and only the JDK classes the plugin uses (FirstRpc and
// bench/startup.sh, 20 runs interleaved: 34.6 -> 30.9 MB, exec -> handshake 331 -> 297 ms). The
// archive goes to a temporary name first: a half-written file must never look usable.
func makeArchive(java Java, layout Layout, log io.Writer) error {
	if layout.ArchiveTarget == "" {
		return errors.New("no place for an archive")
	}
	target := layout.ArchiveTarget
	detached := os.Getenv(makerOwnsLockVariable) != ""
	if !detached && !takeLock(lockPath(target)) {
		return fmt.Errorf("another maker holds %s, or the directory is not writable", lockPath(target))
	}
	defer os.Remove(lockPath(target))
	if detached {
		yieldToThePlugin()
	}

	temporary := fmt.Sprintf("%s.tmp-%d", target, os.Getpid())
	classList := temporary + ".classes"
	defer os.Remove(temporary)
	defer os.Remove(classList)

	ctx, cancel := context.WithTimeout(context.Background(), makerTimeout)
	defer cancel()
	err := runJava(ctx, java, layout.WorkDir, log, trainingCommand(java, layout, classList))
	if err == nil && !nonEmpty(classList) {
		err = errors.New("the plugin exited without listing its classes")
	}
	if err == nil {
		err = runJava(ctx, java, layout.WorkDir, log, dumpCommand(layout.classPath(), classList, temporary))
	}
	if err == nil && !nonEmpty(temporary) {
		err = errors.New("the JVM wrote no archive")
	}
	if err == nil {
		err = os.Rename(temporary, target)
	}
	if err != nil {
		// Remembered per jar: a JVM that cannot dump archives should not cost a training run per start.
		os.WriteFile(failedPath(target), []byte(err.Error()+"\n"), 0o644)
		return fmt.Errorf("making the class-data sharing archive: %w", err)
	}
	os.Remove(failedPath(target))
	removeUnusedArchives(filepath.Dir(target), filepath.Base(target), time.Now())
	return nil
}

// Archives are ~30 MB, one per provider version and JDK, and nothing else removes them. Each start
// that uses an archive keeps its modification time within a day of now (noteArchiveUse); the maker,
// which runs when a new jar or JDK appears, removes the ones no start has used for unusedArchiveAge.
// A start that still wants a removed archive just gets a new one made.
const (
	unusedArchiveAge = 30 * 24 * time.Hour
	archiveUseGrain  = 24 * time.Hour
	// leftovers of a maker that was killed: temporary archives and class lists
	abandonedFileAge = 24 * time.Hour
)

// noteArchiveUse refreshes the archive's time at most once a day, so that a start costs no write.
// The file is read-only, which does not stop its owner from setting its times; a failure (a shared,
// read-only cache) only means the archive may be removed and made again one day.
func noteArchiveUse(layout Layout, now time.Time) {
	// Only the user's own archives: a bundled one is part of the installed package.
	archive := layout.Archive
	if archive == "" || layout.WorkDir != "" {
		return
	}
	if info, err := os.Stat(archive); err == nil && now.Sub(info.ModTime()) > archiveUseGrain {
		os.Chtimes(archive, now, now)
	}
}

// removeUnusedArchives deletes this launcher's archives in dir that no start has used for
// unusedArchiveAge (with their failure markers), and abandoned temporary files; keep is spared.
func removeUnusedArchives(dir, keep string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, entry := range entries {
		name := entry.Name()
		if name == keep || !strings.HasPrefix(name, binaryName+"-") || entry.IsDir() {
			continue
		}
		info, err := entry.Info()
		if err != nil {
			continue
		}
		age := now.Sub(info.ModTime())
		switch {
		case strings.Contains(name, ".jsa.tmp-"):
			if age > abandonedFileAge {
				os.Remove(filepath.Join(dir, name))
			}
		case strings.HasSuffix(name, ".jsa"), strings.HasSuffix(name, ".jsa.failed"):
			if age > unusedArchiveAge {
				os.Remove(filepath.Join(dir, name))
			}
		}
	}
}

// trainingCommand runs StartupTraining, which starts the plugin with the launcher's own command line
// (plus the class list option) and drives it like Terraform does.
func trainingCommand(java Java, layout Layout, classList string) []string {
	plugin := commandLine(java, Layout{Jar: layout.Jar, ClassPath: layout.ClassPath}, func(string) string { return "" }, nil)
	plugin = insertBefore(plugin, "-cp", "-XX:DumpLoadedClassList="+classList)
	return append([]string{
		"-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
		"-Xlog:disable", "-Xlog:all=error:stderr",
		"-cp", layout.classPath(), trainingClass,
	}, plugin...)
}

// dumpCommand writes the static archive. The collector is the plugin's: a static archive written
// with another one would carry heap objects that the serial collector cannot use anyway.
func dumpCommand(classPath, classList, archive string) []string {
	return []string{
		"-Xshare:dump", "-XX:+UseSerialGC",
		"-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
		"-Xlog:disable", "-Xlog:all=error:stderr",
		"-cp", classPath,
	}
}

func runJava(ctx context.Context, java Java, dir string, log io.Writer, args []string) error {
	cmd := exec.CommandContext(ctx, java.Executable, args...)
	cmd.Dir = dir
	cmd.Stdout = log
	cmd.Stderr = log
	return cmd.Run()
}

func nonEmpty(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Size() > 0
}

// yieldToThePlugin keeps a first run's maker from slowing that run: started at once and at normal
// priority, the training run (two JVMs) took the second core from the starting plugin and made its
// handshake 540 -> 947 ms on 2 cores. The maker waits until the plugin that started it is past its
// start-up, and runs at the lowest priority, which its children inherit. On Linux the nice value
// belongs to the thread, so the goroutine is pinned to the thread that sets it and later forks.
func yieldToThePlugin() {
	runtime.LockOSThread()
	lowestPriority()
	time.Sleep(makerDelay)
}

// makerDelay: a plugin is past its start-up and first answers well within this on a 2-core machine.
const makerDelay = 2 * time.Second

func insertBefore(argv []string, marker, option string) []string {
	for i, arg := range argv {
		if arg == marker {
			out := append([]string{}, argv[:i]...)
			out = append(out, option)
			return append(out, argv[i:]...)
		}
	}
	return append(argv, option)
}

// isMakeArchive reports whether the arguments ask for the archive maker.
func isMakeArchive(args []string) bool {
	return len(args) == 1 && strings.TrimSpace(args[0]) == makeArchiveFlag
}
