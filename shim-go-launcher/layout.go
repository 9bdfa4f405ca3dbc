package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// Layout is what the launcher needs from the directory it was installed in.
type Layout struct {
	// Jar is the provider's shaded jar.
	Jar string
	// Archive is the class-data sharing archive for this jar and this JVM, or "" when there is none
	// yet that can be used.
	Archive string
	// ArchiveTarget is where that archive belongs (in the user's cache directory), whether or not it
	// exists yet; "" when there is no cache directory.
	ArchiveTarget string
}

const jarName = binaryName + ".jar"

// executableDir is the directory of the real binary: Terraform may run it through a symlink (a
// plugin cache, a dev_overrides directory), but the jar lies beside the file itself.
func executableDir() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find my own executable: %w", err)
	}
	real, err := filepath.EvalSymlinks(exe)
	if err != nil {
		return "", fmt.Errorf("cannot resolve %s: %w", exe, err)
	}
	return filepath.Dir(real), nil
}

// jarPlaces are where the jar may lie, relative to the launcher. A release keeps it in lib/: Terraform
// takes the first file of an installed package whose name starts with terraform-provider-hyperstack
// as the plugin, and a jar of that name beside the launcher would be picked instead of it. A build
// (target/provider) keeps it beside the launcher.
var jarPlaces = []string{filepath.Join("lib", jarName), jarName}

func findLayout(dir string, java Java, archiveDir string) (Layout, error) {
	var jar string
	var jarInfo os.FileInfo
	for _, place := range jarPlaces {
		candidate := filepath.Join(dir, place)
		if info, err := os.Stat(candidate); err == nil {
			jar, jarInfo = candidate, info
			break
		}
	}
	if jar == "" {
		return Layout{}, fmt.Errorf("the provider's jar is missing: expected %s or %s",
			filepath.Join(dir, jarPlaces[0]), filepath.Join(dir, jarPlaces[1]))
	}
	layout := Layout{Jar: jar}
	if archiveDir == "" {
		return layout, nil
	}
	archive := filepath.Join(archiveDir, archiveFileName(jar, java))
	layout.ArchiveTarget = archive
	// An archive older than the jar was made for a previous build: the JVM would reject it anyway,
	// after spending time on the check.
	if info, err := os.Stat(archive); err == nil && !info.ModTime().Before(jarInfo.ModTime()) {
		layout.Archive = archive
	}
	return layout, nil
}
