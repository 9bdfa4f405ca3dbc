package main

import (
	"bufio"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
	// Bundled is true for the runtime that ships in the release archive beside the launcher.
	Bundled bool
}

var lookPath = exec.LookPath

// javaHomeVariable names a Java installation that wins over everything else, the bundled runtime
// included: JAVA_HOME cannot serve for that, since most machines set it for other programs.
const javaHomeVariable = "TF_HYPERSTACK_JAVA_HOME"

// bundledRuntimeDir is where a release that carries its own Java runtime keeps it, relative to the
// launcher's own directory.
const bundledRuntimeDir = "jre"

// javaSearch is what findJava looks at; tests give it another platform's layout.
type javaSearch struct {
	goos    string
	getenv  func(string) string
	look    func(string) (string, error)
	selfDir string    // the launcher's directory, which may hold a bundled runtime
	warn    io.Writer // for the one line saying that the bundled runtime cannot run here
}

func systemJavaSearch(selfDir string) javaSearch {
	return javaSearch{goos: runtime.GOOS, getenv: os.Getenv, look: lookPath, selfDir: selfDir, warn: os.Stderr}
}

// findJava takes, in this order: TF_HYPERSTACK_JAVA_HOME, the runtime bundled beside the launcher,
// JAVA_HOME, then the java on PATH. The version comes from the installation's release file: reading a
// small file is far cheaper than starting a JVM to ask it.
func findJava(s javaSearch) (Java, error) {
	if home := s.getenv(javaHomeVariable); home != "" {
		exe := javaExecutable(home, s.goos)
		if !isExecutable(exe, s.goos) {
			return Java{}, fmt.Errorf("%s is set to %s, which has no %s", javaHomeVariable, home,
				filepath.Join("bin", filepath.Base(exe)))
		}
		return checkedJava(exe, home)
	}
	bundledTrouble := ""
	if s.selfDir != "" {
		home := filepath.Join(s.selfDir, bundledRuntimeDir)
		exe := javaExecutable(home, s.goos)
		if isExecutable(exe, s.goos) {
			if bundledTrouble = cannotRunHere(exe); bundledTrouble == "" {
				java, err := checkedJava(exe, home)
				java.Bundled = true
				return java, err
			}
		}
	}
	java, err := systemJava(s)
	if bundledTrouble != "" {
		if err != nil {
			return Java{}, fmt.Errorf("the bundled Java runtime cannot run on this system (%s), and %v", bundledTrouble, err)
		}
		fmt.Fprintf(s.warn, "[WARN] %s: the bundled Java runtime cannot run on this system (%s); using %s\n",
			binaryName, bundledTrouble, java.Executable)
	}
	return java, err
}

// systemJava is the Java installed on the machine: JAVA_HOME, then PATH, as most Java tools do.
func systemJava(s javaSearch) (Java, error) {
	if home := s.getenv("JAVA_HOME"); home != "" {
		exe := javaExecutable(home, s.goos)
		if isExecutable(exe, s.goos) {
			return checkedJava(exe, home)
		}
	}
	onPath, err := s.look("java")
	if err != nil {
		return Java{}, fmt.Errorf("no Java %d or newer found: %s, and set JAVA_HOME to it or put its bin directory on PATH",
			minimumJava, installAdvice(s.goos))
	}
	real, err := filepath.EvalSymlinks(onPath)
	if err != nil {
		real = onPath
	}
	// bin/java sits directly under the installation's home directory.
	return checkedJava(onPath, filepath.Dir(filepath.Dir(real)))
}

// installAdvice names a usual way of getting a Java runtime on each platform.
func installAdvice(goos string) string {
	switch goos {
	case "darwin":
		return "install one (for example `brew install openjdk@17`)"
	case "windows":
		return "install one (for example `winget install EclipseAdoptium.Temurin.17.JRE`)"
	}
	return "install one (for example `apt-get install openjdk-17-jre-headless` or `dnf install java-17-openjdk-headless`)"
}

func javaExecutable(home, goos string) string {
	if goos == "windows" {
		return filepath.Join(home, "bin", "java.exe")
	}
	return filepath.Join(home, "bin", "java")
}

// cannotRunHere tells why an ELF executable cannot start on this machine, or "" when nothing speaks
// against it. The bundled runtime is built on a glibc system: on a musl one (Alpine) its program
// interpreter is missing, and exec would fail with a bare "no such file or directory". Reading the
// program headers costs microseconds; starting the JVM to find out would cost a start.
func cannotRunHere(exe string) string {
	file, err := elf.Open(exe)
	if err != nil {
		// Not ELF (another platform's format): nothing to check here.
		return ""
	}
	defer file.Close()
	for _, prog := range file.Progs {
		if prog.Type != elf.PT_INTERP {
			continue
		}
		data := make([]byte, prog.Filesz)
		if _, err := prog.ReadAt(data, 0); err != nil {
			return ""
		}
		interpreter := strings.TrimRight(string(data), "\x00")
		if _, err := os.Stat(interpreter); err != nil {
			return fmt.Sprintf("it needs %s, which glibc-based Linux systems have and this one has not", interpreter)
		}
	}
	return ""
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

// isExecutable: Windows has no execute bit, and any file may be run there.
func isExecutable(path, goos string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && (goos == "windows" || info.Mode()&0o111 != 0)
}
