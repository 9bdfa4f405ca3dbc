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

func findLayout(dir string, java Java, archiveDir string) (Layout, error) {
	jar := filepath.Join(dir, jarName)
	jarInfo, err := os.Stat(jar)
	if err != nil {
		return Layout{}, fmt.Errorf("the provider's jar is missing: expected %s beside the launcher", jar)
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
