package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Each platform's launcher passes the check for its own platform and fails it for the others. Builds
// the launcher five times (fast with a warm build cache; go test -short skips it).
func TestEachLauncherIsAnExecutableOfItsPlatformOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the launcher five times")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go on PATH")
	}
	source, err := filepath.Abs("../../shim-go-launcher")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	built := map[string]string{}
	for _, platform := range allPlatforms {
		path := filepath.Join(dir, platform)
		if err := buildLauncher(source, platform, "0.0.0", path); err != nil {
			t.Fatalf("%s: %v", platform, err)
		}
		built[platform] = path
	}
	for platform, path := range built {
		for other := range built {
			err := checkExecutable(path, other)
			if (err == nil) != (platform == other) {
				t.Errorf("launcher for %s checked as %s: %v", platform, other, err)
			}
		}
	}
}

func TestANonExecutableFailsTheCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, platform := range allPlatforms {
		if err := checkExecutable(path, platform); err == nil || !strings.Contains(err.Error(), "not a") {
			t.Errorf("%s: %v", platform, err)
		}
	}
}

func TestExecutableNamesFollowTheRegistrysRule(t *testing.T) {
	r := release{version: "1.2.3"}
	if got := r.executableName("windows_amd64"); got != "terraform-provider-hyperstack_v1.2.3.exe" {
		t.Error(got)
	}
	if got := r.executableName("darwin_arm64"); got != "terraform-provider-hyperstack_v1.2.3" {
		t.Error(got)
	}
	if got := r.zipName("linux_arm64"); got != "terraform-provider-hyperstack_1.2.3_linux_arm64.zip" {
		t.Error(got)
	}
}
