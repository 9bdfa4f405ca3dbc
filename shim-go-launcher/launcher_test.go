package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	java, err := findJava(func(name string) string {
		if name == "JAVA_HOME" {
			return home
		}
		return ""
	}, noPath)
	if err != nil {
		t.Fatal(err)
	}
	if java.Major != 21 || java.Executable != filepath.Join(home, "bin", "java") {
		t.Errorf("got %+v", java)
	}
}

func TestFindJavaRefusesOldJava(t *testing.T) {
	home := fakeJavaHome(t, "11.0.22")
	_, err := findJava(func(string) string { return home }, noPath)
	if err == nil || !strings.Contains(err.Error(), "Java 11") {
		t.Errorf("want a Java 11 error, got %v", err)
	}
}

func TestFindJavaWithoutAnyJavaSaysWhatToDo(t *testing.T) {
	_, err := findJava(func(string) string { return "" }, noPath)
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
	dir := t.TempDir()
	archive := filepath.Join(dir, archiveName)
	jar := filepath.Join(dir, jarName)
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
	layout, err := findLayout(dir)
	if err != nil || layout.Archive != "" || layout.Jar != jar {
		t.Errorf("got %+v, %v", layout, err)
	}
}

func TestLayoutWithoutJarIsAnError(t *testing.T) {
	if _, err := findLayout(t.TempDir()); err == nil || !strings.Contains(err.Error(), jarName) {
		t.Errorf("want a missing-jar error, got %v", err)
	}
}
