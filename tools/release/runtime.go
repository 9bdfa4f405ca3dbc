package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// runtimeModules are the JDK modules the provider needs. `jdeps --print-module-deps` on the jar lists
// java.base, java.naming, jdk.net, jdk.unsupported and jdk.httpserver (the simulator), and also
// java.sql, java.desktop and java.compiler, which are left out: Jackson declares java.sql and
// java.desktop optional (`requires static`) and works without them, java.compiler is only the
// annotation processing API that an annotations library refers to, and bcprov's LDAP certificate store
// is never used. What jdeps cannot see: java.logging (gRPC's logging, reached through java.sql's
// `requires transitive`, so jdeps's list implies it) and jdk.crypto.ec, the SunEC provider that TLS
// finds through the security providers list, without which no ECDHE key exchange or EC certificate
// works (the plugin's AutoMTLS and most HTTPS servers).
var runtimeModules = []string{
	"java.base", "java.logging", "java.naming", "jdk.crypto.ec", "jdk.httpserver", "jdk.net", "jdk.unsupported",
}

// requiredRuntimeMajor: the runtime is made from a JDK 17, the release the classes are compiled for.
const requiredRuntimeMajor = "17"

// bundleRuntime makes <stage>/jre: a jlink image of runtimeModules without what a provider never uses
// (debug information, man pages, header files, native debug symbols where objcopy can strip them),
// with the JDK's default class-data archive and the provider's own, both made now so that an
// installed copy never needs to make one.
func bundleRuntime(jdk, stage, launcher string) error {
	if runtime.GOOS+"_"+runtime.GOARCH != runtimePlatform {
		return fmt.Errorf("the %s runtime is made from this machine's JDK, so it must be built on %s, not %s_%s",
			runtimePlatform, runtimePlatform, runtime.GOOS, runtime.GOARCH)
	}
	if err := checkJdk(jdk); err != nil {
		return err
	}
	home := filepath.Join(stage, "jre")
	args := []string{
		"--module-path", filepath.Join(jdk, "jmods"),
		"--add-modules", strings.Join(runtimeModules, ","),
		"--no-man-pages", "--no-header-files", "--compress=2",
		// the JDK's own archive, used when the provider's cannot be (a jar whose time cannot be set)
		"--generate-cds-archive",
		"--output", home,
	}
	// --strip-debug drops the classes' debug attributes and, where it can, native symbols; jlink
	// refuses it together with the explicit native stripping, which needs objcopy and takes a third
	// off libjvm.so.
	if _, err := exec.LookPath("objcopy"); err == nil {
		args = append(args, "--strip-java-debug-attributes", "--strip-native-debug-symbols=exclude-debuginfo-files")
	} else {
		args = append(args, "--strip-debug")
	}
	if err := run(exec.Command(filepath.Join(jdk, "bin", "jlink"), args...)); err != nil {
		return fmt.Errorf("jlink: %w", err)
	}
	// The archive for heaps over 32 GB, which a provider never has (-Xmx512m): 11 MB of the image.
	if err := os.Remove(filepath.Join(home, "lib", "server", "classes_nocoops.jsa")); err != nil && !os.IsNotExist(err) {
		return err
	}
	return makeProviderArchive(stage, launcher, home)
}

// checkJdk wants a JDK 17 with its jmods (some distributions package them separately).
func checkJdk(jdk string) error {
	if jdk == "" {
		return errors.New("no JDK given: set -jdk or JAVA_HOME to a JDK 17")
	}
	if _, err := os.Stat(filepath.Join(jdk, "jmods", "java.base.jmod")); err != nil {
		return fmt.Errorf("%s has no jmods/java.base.jmod, which jlink needs: use a full JDK 17", jdk)
	}
	version, err := javaVersion(filepath.Join(jdk, "release"))
	if err != nil {
		return err
	}
	if version != requiredRuntimeMajor && !strings.HasPrefix(version, requiredRuntimeMajor+".") {
		return fmt.Errorf("%s is Java %s; the bundled runtime is made from a JDK %s", jdk, version, requiredRuntimeMajor)
	}
	return nil
}

func javaVersion(release string) (string, error) {
	file, err := os.Open(release)
	if err != nil {
		return "", err
	}
	defer file.Close()
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		if line := scanner.Text(); strings.HasPrefix(line, "JAVA_VERSION=") {
			return strings.Trim(strings.TrimPrefix(line, "JAVA_VERSION="), `"`), nil
		}
	}
	return "", fmt.Errorf("no JAVA_VERSION in %s", release)
}

// makeProviderArchive has the staged launcher make the archive with the bundled runtime, as it would
// on a first run with any other Java, but into the runtime (jre/lib/provider.jsa) and with the jar
// named relative to the launcher's directory (shim-go-launcher/layout.go says why). The environment
// leaves the launcher no other Java to choose.
func makeProviderArchive(stage, launcher, home string) error {
	cache, err := os.MkdirTemp("", "release-cds-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(cache)
	cmd := exec.Command(launcher, "--make-cds-archive")
	for _, entry := range os.Environ() {
		if !strings.HasPrefix(entry, "JAVA_HOME=") && !strings.HasPrefix(entry, "TF_HYPERSTACK_") {
			cmd.Env = append(cmd.Env, entry)
		}
	}
	cmd.Env = append(cmd.Env, "TF_HYPERSTACK_CDS_DIR="+cache)
	if err := run(cmd); err != nil {
		return fmt.Errorf("making the class-data archive: %w", err)
	}
	archive := filepath.Join(home, "lib", "provider.jsa")
	if info, err := os.Stat(archive); err != nil || info.Size() == 0 {
		return fmt.Errorf("the launcher made no %s", archive)
	}
	return nil
}

func run(cmd *exec.Cmd) error {
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}
