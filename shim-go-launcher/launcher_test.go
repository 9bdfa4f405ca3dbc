package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestParseMajor(t *testing.T) {
	cases := map[string]int{"17.0.15": 17, "21": 21, "1.8.0_392": 8, "25-ea": 25, "17.0.2+8": 17}
	for text, want := range cases {
		got, err := parseMajor(text)
		if err != nil || got != want {
			t.Errorf("parseMajor(%q) = %d, %v; want %d", text, got, err, want)
		}
	}
	if _, err := parseMajor("abc"); err == nil {
		t.Error("parseMajor accepted garbage")
	}
}

func fakeJavaHome(t *testing.T, version string) string {
	t.Helper()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "bin", "java"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	release := "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n"
	if err := os.WriteFile(filepath.Join(home, "release"), []byte(release), 0o644); err != nil {
		t.Fatal(err)
	}
	return home
}

func noPath(string) (string, error) { return "", errors.New("not found") }

func TestFindJavaPrefersJavaHomeAndReadsTheReleaseFile(t *testing.T) {
	home := fakeJavaHome(t, "21.0.1")
	java, err := findJava(search("linux", fakeEnv{"JAVA_HOME": home}, noPath, ""))
	if err != nil {
		t.Fatal(err)
	}
	if java.Major != 21 || java.Executable != filepath.Join(home, "bin", "java") {
		t.Errorf("got %+v", java)
	}
}

func TestFindJavaRefusesOldJava(t *testing.T) {
	home := fakeJavaHome(t, "11.0.22")
	_, err := findJava(search("linux", fakeEnv{"JAVA_HOME": home}, noPath, ""))
	if err == nil || !strings.Contains(err.Error(), "Java 11") {
		t.Errorf("want a Java 11 error, got %v", err)
	}
}

func TestFindJavaWithoutAnyJavaSaysWhatToDo(t *testing.T) {
	_, err := findJava(search("linux", fakeEnv{}, noPath, ""))
	if err == nil || !strings.Contains(err.Error(), "JAVA_HOME") {
		t.Errorf("want advice about JAVA_HOME, got %v", err)
	}
}

func TestCommandLineKeepsJvmLoggingOffStdout(t *testing.T) {
	argv := commandLine(Java{Executable: "/j/bin/java"}, Layout{Jar: "/p/x.jar", Archive: "/p/x.jsa"},
		func(string) string { return "-Dextra=1" }, []string{"simulator", "--port", "0"})
	joined := strings.Join(argv, " ")
	if argv[1] != "-Xlog:disable" || !strings.Contains(joined, "-Xlog:all=warning:stderr") {
		t.Errorf("unified logging must be routed to stderr first: %v", argv)
	}
	if !strings.Contains(joined, "-XX:SharedArchiveFile=/p/x.jsa") {
		t.Errorf("archive not passed: %v", argv)
	}
	tail := strings.Join(argv[len(argv)-6:], " ")
	if tail != "-cp /p/x.jar io.tfhyperstack.Main simulator --port 0" {
		t.Errorf("arguments not passed through after the main class: %q", tail)
	}
	if !strings.Contains(joined, "-Dextra=1 -cp") {
		t.Errorf("extra options must come after ours: %v", argv)
	}
}

func TestLayoutIgnoresAnArchiveOlderThanTheJar(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	java := Java{Home: dir, Executable: "/j/bin/java"}
	jar := filepath.Join(dir, jarName)
	archive := filepath.Join(cache, archiveFileName(jar, java))
	for _, path := range []string{archive, jar} {
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	info, _ := os.Stat(jar)
	old := info.ModTime().Add(-3600e9)
	if err := os.Chtimes(archive, old, old); err != nil {
		t.Fatal(err)
	}
	layout, err := findLayout(dir, java, cache)
	if err != nil || layout.Archive != "" || layout.Jar != jar || layout.ArchiveTarget != archive {
		t.Errorf("got %+v, %v", layout, err)
	}
}

func TestLayoutWithoutJarIsAnError(t *testing.T) {
	if _, err := findLayout(t.TempDir(), Java{}, t.TempDir()); err == nil || !strings.Contains(err.Error(), jarName) {
		t.Errorf("want a missing-jar error, got %v", err)
	}
}

func TestArchiveNameDependsOnTheJavaInstallation(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for dir, version := range map[string]string{a: "17.0.15", b: "17.0.16"} {
		if err := os.WriteFile(filepath.Join(dir, "release"), []byte("JAVA_VERSION=\""+version+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	nameA := archiveFileName("/p/x.jar", Java{Home: a})
	if nameA == archiveFileName("/p/x.jar", Java{Home: b}) {
		t.Errorf("two JDKs share the archive name %s", nameA)
	}
	if nameA == archiveFileName("/q/x.jar", Java{Home: a}) {
		t.Errorf("two jars share the archive name %s", nameA)
	}
	if nameA != archiveFileName("/p/x.jar", Java{Home: a, Executable: "/usr/bin/java"}) {
		t.Errorf("the name must not depend on how java was found")
	}
	if !strings.HasPrefix(nameA, binaryName+"-") || !strings.HasSuffix(nameA, ".jsa") {
		t.Errorf("unexpected archive name %s", nameA)
	}
}

func TestLockIsExclusiveAndStaleLocksAreTakenOver(t *testing.T) {
	lock := filepath.Join(t.TempDir(), "x.jsa.lock")
	if !takeLock(lock) {
		t.Fatal("first lock refused")
	}
	if takeLock(lock) {
		t.Error("second lock granted while the first is fresh")
	}
	old := time.Now().Add(-2 * staleLock)
	if err := os.Chtimes(lock, old, old); err != nil {
		t.Fatal(err)
	}
	if !takeLock(lock) {
		t.Error("stale lock not taken over")
	}
}

func TestLockInAReadOnlyDirectoryIsRefusedQuietly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if takeLock(filepath.Join(dir, "x.jsa.lock")) {
		t.Error("lock granted in a read-only directory")
	}
}

func TestArchiveMakerIsNotStartedAfterAFailureForTheSameJar(t *testing.T) {
	dir := t.TempDir()
	layout := Layout{Jar: filepath.Join(dir, jarName), ArchiveTarget: filepath.Join(dir, "x.jsa")}
	if err := os.WriteFile(layout.Jar, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if failedForThisJar(layout) {
		t.Error("no failure recorded yet")
	}
	if err := os.WriteFile(failedPath(layout.ArchiveTarget), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !failedForThisJar(layout) {
		t.Error("a failure newer than the jar must stop further attempts")
	}
	newer := time.Now().Add(time.Hour)
	if err := os.Chtimes(layout.Jar, newer, newer); err != nil {
		t.Fatal(err)
	}
	if failedForThisJar(layout) {
		t.Error("a new jar deserves a new attempt")
	}
}

func TestTrainingRunsThePluginsCommandLineAndListsItsClasses(t *testing.T) {
	argv := trainingCommand(Java{Executable: "/j/bin/java"}, Layout{Jar: "/p/x.jar"}, "/c/list")
	joined := strings.Join(argv, " ")
	plugin := strings.Join(commandLine(Java{Executable: "/j/bin/java"}, Layout{Jar: "/p/x.jar"},
		func(string) string { return "" }, nil), " ")
	want := strings.Replace(plugin, " -cp /p/x.jar", " -XX:DumpLoadedClassList=/c/list -cp /p/x.jar", 1)
	if !strings.HasSuffix(joined, " "+want) {
		t.Errorf("the plugin's command line with the class list option should end the training command:\n%s\nwant suffix:\n%s", joined, want)
	}
	if !strings.Contains(joined, "-cp /p/x.jar "+trainingClass+" ") {
		t.Errorf("the trainer runs %s from the jar: %s", trainingClass, joined)
	}
}

func TestTheDumpUsesTheClassListAndThePluginsCollector(t *testing.T) {
	joined := strings.Join(dumpCommand("/p/x.jar", "/c/list", "/a/x.jsa"), " ")
	for _, want := range []string{"-Xshare:dump", "-XX:SharedClassListFile=/c/list", "-XX:SharedArchiveFile=/a/x.jsa",
		"-XX:+UseSerialGC", "-cp /p/x.jar"} {
		if !strings.Contains(joined, want) {
			t.Errorf("dump command lacks %s: %s", want, joined)
		}
	}
	if !strings.Contains(strings.Join(jvmOptions, " "), "-XX:+UseSerialGC") {
		t.Errorf("the plugin no longer runs the serial collector; the dump must use the plugin's")
	}
}

func TestOneCompilerThreadUnlessTheUserChangesTheTiers(t *testing.T) {
	java, layout := Java{Executable: "/j/bin/java"}, Layout{Jar: "/p/x.jar"}
	plain := strings.Join(commandLine(java, layout, func(string) string { return "" }, nil), " ")
	if !strings.Contains(plain, singleCompilerThread) {
		t.Errorf("want %s by default: %s", singleCompilerThread, plain)
	}
	tiers := strings.Join(commandLine(java, layout, func(string) string { return "-XX:TieredStopAtLevel=4" }, nil), " ")
	if strings.Contains(tiers, singleCompilerThread) {
		t.Errorf("C2 needs two compiler threads; the option must go: %s", tiers)
	}
}

func TestTransparentHugePagesOnlyWhereTheKernelOffersThem(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the option is Linux-only")
	}
	setting := filepath.Join(t.TempDir(), "enabled")
	defer func(previous string) { transparentHugePagesSetting = previous }(transparentHugePagesSetting)
	transparentHugePagesSetting = setting
	java, layout := Java{Executable: "/j/bin/java"}, Layout{Jar: "/p/x.jar"}
	for content, want := range map[string]bool{
		"always [madvise] never\n": true,
		"[always] madvise never\n": true,
		"always madvise [never]\n": false,
	} {
		if err := os.WriteFile(setting, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		argv := strings.Join(commandLine(java, layout, func(string) string { return "" }, nil), " ")
		if got := strings.Contains(argv, "-XX:+UseTransparentHugePages"); got != want {
			t.Errorf("kernel setting %q: huge pages option %v, want %v: %s", content, got, want, argv)
		}
	}
	os.Remove(setting)
	argv := strings.Join(commandLine(java, layout, func(string) string { return "" }, nil), " ")
	if strings.Contains(argv, "TransparentHugePages") {
		t.Errorf("no kernel setting, yet the option is there: %s", argv)
	}
}

func TestArchivesGoToTheCacheDirectoryNeverBesideTheJar(t *testing.T) {
	t.Setenv(archiveDirVariable, "")
	t.Setenv("XDG_CACHE_HOME", "/home/u/.cache")
	if got := archiveDirectory(os.Getenv); got != filepath.Join("/home/u/.cache", binaryName) {
		t.Errorf("archive directory %s", got)
	}
	t.Setenv(archiveDirVariable, "/elsewhere")
	if got := archiveDirectory(os.Getenv); got != "/elsewhere" {
		t.Errorf("the override is not used: %s", got)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, jarName), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	layout, err := findLayout(dir, Java{Home: dir}, "/elsewhere")
	if err != nil || filepath.Dir(layout.ArchiveTarget) != "/elsewhere" {
		t.Errorf("got %+v, %v", layout, err)
	}
	// Terraform checks the installed package's files against its lock file: nothing may be added.
	if strings.HasPrefix(layout.ArchiveTarget, dir) {
		t.Errorf("archive beside the jar: %s", layout.ArchiveTarget)
	}
}

func TestLockCreatesTheCacheDirectory(t *testing.T) {
	lock := filepath.Join(t.TempDir(), "a", "b", "x.jsa.lock")
	if !takeLock(lock) {
		t.Error("lock refused where the directory can be made")
	}
}

func TestLayoutFindsTheJarOfAReleaseInLib(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	jar := filepath.Join(dir, "lib", jarName)
	if err := os.WriteFile(jar, []byte("jar"), 0o644); err != nil {
		t.Fatal(err)
	}
	layout, err := findLayout(dir, Java{Home: dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	if layout.Jar != jar {
		t.Fatalf("jar %q, want %q", layout.Jar, jar)
	}
}

func TestUnusedArchivesAndAbandonedFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	files := map[string]time.Duration{
		binaryName + "-current.jsa":             40 * 24 * time.Hour, // the one just made: always kept
		binaryName + "-recent.jsa":              2 * 24 * time.Hour,
		binaryName + "-old.jsa":                 31 * 24 * time.Hour,
		binaryName + "-old.jsa.failed":          31 * 24 * time.Hour,
		binaryName + "-recent.jsa.failed":       time.Hour,
		binaryName + "-old.jsa.tmp-42":          25 * time.Hour,
		binaryName + "-busy.jsa.tmp-43":         time.Minute, // a maker still at work
		binaryName + "-busy.jsa.tmp-43.classes": time.Minute,
		binaryName + "-x.jsa.lock":              31 * 24 * time.Hour, // locks are takeLock's business
		"someone-else.jsa":                      365 * 24 * time.Hour,
	}
	for name, age := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("x"), 0o444); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	removeUnusedArchives(dir, binaryName+"-current.jsa", now)
	gone := map[string]bool{
		binaryName + "-old.jsa": true, binaryName + "-old.jsa.failed": true, binaryName + "-old.jsa.tmp-42": true,
	}
	for name := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if exists := err == nil; exists == gone[name] {
			t.Errorf("%s: exists %v, want %v", name, exists, !gone[name])
		}
	}
}

func TestArchiveUseIsNotedAtMostOnceADay(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "a.jsa")
	if err := os.WriteFile(archive, []byte("x"), 0o444); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, c := range []struct {
		age     time.Duration
		touched bool
	}{{2 * time.Hour, false}, {3 * 24 * time.Hour, true}} {
		old := now.Add(-c.age)
		if err := os.Chtimes(archive, old, old); err != nil {
			t.Fatal(err)
		}
		noteArchiveUse(Layout{Archive: archive}, now)
		info, err := os.Stat(archive)
		if err != nil {
			t.Fatal(err)
		}
		if touched := !info.ModTime().Equal(old); touched != c.touched {
			t.Errorf("archive %v old: touched %v, want %v", c.age, touched, c.touched)
		}
	}
	noteArchiveUse(Layout{}, now) // no archive: nothing to do, no panic
}
