package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Layout is what the launcher needs from the directory it was installed in.
type Layout struct {
	// Jar is the provider's shaded jar.
	Jar string
	// Archive is the class-data sharing archive for this jar and this JVM, or "" when there is none
	// yet that can be used.
	Archive string
	// ArchiveTarget is where that archive belongs (in the user's cache directory, or in the bundled
	// runtime), whether or not it exists yet; "" when there is no place for one.
	ArchiveTarget string
	// ClassPath is the jar as the JVM's -cp names it: the jar's path, or for the bundled runtime's
	// archive a path relative to WorkDir.
	ClassPath string
	// WorkDir is the directory the JVM must start in for a relative ClassPath; "" to keep ours.
	WorkDir string
}

// classPath is what the JVM's -cp names.
func (l Layout) classPath() string {
	if l.ClassPath != "" {
		return l.ClassPath
	}
	return l.Jar
}

// bundledArchiveName is the class-data sharing archive a release makes at build time for its bundled
// runtime, in the runtime's lib directory. A JDK 17 archive holds the class path as it was written,
// byte for byte, and checks the jar's size and modification time: the build writes it with the jar
// named relative to the launcher's directory and a fixed modification time, so that it fits wherever
// Terraform unpacks the release, provided the JVM starts in that directory.
const bundledArchiveName = "provider.jsa"

// releaseJarTime is the modification time the release gives the jar (tools/release sets the same).
// Terraform does not keep a zip entry's time when it unpacks a provider, so the launcher sets it back
// before the JVM compares it with the archive's record; only the time changes, never the content
// that Terraform's checksums cover.
var releaseJarTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

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
	if java.Bundled {
		if bundled, ok := bundledLayout(dir, jar, java); ok {
			return bundled, nil
		}
	}
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

// bundledLayout uses the archive the release made for its bundled runtime, when the jar lies where the
// build put it and has (or can be given back) the build's modification time. Otherwise the caller goes
// on as for any other JVM, with an archive in the user's cache.
func bundledLayout(dir, jar string, java Java) (Layout, bool) {
	relative, err := filepath.Rel(dir, jar)
	if err != nil || relative != jarPlaces[0] {
		return Layout{}, false
	}
	layout := Layout{Jar: jar, ClassPath: relative, WorkDir: dir,
		ArchiveTarget: filepath.Join(java.Home, "lib", bundledArchiveName)}
	if !nonEmpty(layout.ArchiveTarget) {
		// The build itself, about to make it (makeArchive).
		return layout, true
	}
	if !hasReleaseTime(jar) {
		return Layout{}, false
	}
	layout.Archive = layout.ArchiveTarget
	return layout, true
}

func hasReleaseTime(jar string) bool {
	info, err := os.Stat(jar)
	if err != nil {
		return false
	}
	if info.ModTime().Equal(releaseJarTime) {
		return true
	}
	return os.Chtimes(jar, releaseJarTime, releaseJarTime) == nil
}
