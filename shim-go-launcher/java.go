package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// minimumJava is the oldest Java feature release the jar runs on.
const minimumJava = 17

// Java is the JVM the launcher will exec.
type Java struct {
	Executable string
	Home       string
	Major      int
}

var lookPath = exec.LookPath

// findJava prefers JAVA_HOME, then the java on PATH, as most Java tools do. The version comes from the
// installation's release file: reading a small file is far cheaper than starting a JVM to ask it.
func findJava(getenv func(string) string, look func(string) (string, error)) (Java, error) {
	if home := getenv("JAVA_HOME"); home != "" {
		exe := filepath.Join(home, "bin", "java")
		if isExecutable(exe) {
			return checkedJava(exe, home)
		}
	}
	onPath, err := look("java")
	if err != nil {
		return Java{}, fmt.Errorf("no Java found: set JAVA_HOME to a Java %d or newer installation, "+
			"or put its bin directory on PATH", minimumJava)
	}
	real, err := filepath.EvalSymlinks(onPath)
	if err != nil {
		real = onPath
	}
	// bin/java sits directly under the installation's home directory.
	return checkedJava(onPath, filepath.Dir(filepath.Dir(real)))
}

func checkedJava(exe, home string) (Java, error) {
	major, err := releaseMajor(filepath.Join(home, "release"))
	if err != nil {
		major, err = reportedMajor(exe)
		if err != nil {
			return Java{}, fmt.Errorf("cannot tell which Java version %s is: %v", exe, err)
		}
	}
	if major < minimumJava {
		return Java{}, fmt.Errorf("%s is Java %d, but this provider needs Java %d or newer: "+
			"set JAVA_HOME to a newer installation", exe, major, minimumJava)
	}
	return Java{Executable: exe, Home: home, Major: major}, nil
}

// releaseMajor reads JAVA_VERSION="17.0.15" (or "1.8.0_392" for Java 8) from a JDK's release file.
func releaseMajor(path string) (int, error) {
	file, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer file.Close()
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.HasPrefix(line, "JAVA_VERSION=") {
			return parseMajor(strings.Trim(strings.TrimPrefix(line, "JAVA_VERSION="), `"`))
		}
	}
	return 0, errors.New("no JAVA_VERSION in " + path)
}

// reportedMajor asks the JVM itself; used only for installations without a release file.
func reportedMajor(exe string) (int, error) {
	out, err := exec.Command(exe, "-Xshare:auto", "-version").CombinedOutput()
	if err != nil {
		return 0, err
	}
	text := string(out)
	start := strings.Index(text, `version "`)
	if start < 0 {
		return 0, errors.New("unexpected output of java -version")
	}
	rest := text[start+len(`version "`):]
	end := strings.Index(rest, `"`)
	if end < 0 {
		return 0, errors.New("unexpected output of java -version")
	}
	return parseMajor(rest[:end])
}

func parseMajor(version string) (int, error) {
	version = strings.TrimPrefix(version, "1.")
	end := strings.IndexAny(version, ".+-_")
	if end >= 0 {
		version = version[:end]
	}
	major, err := strconv.Atoi(version)
	if err != nil {
		return 0, fmt.Errorf("unrecognised Java version %q", version)
	}
	return major, nil
}

func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && info.Mode()&0o111 != 0
}
