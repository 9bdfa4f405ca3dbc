package main

import (
	"archive/zip"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// zipTime is every entry's time: the same inputs give the same zip, and so the same checksum.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// releaseJarTime is the jar's modification time in the package. The bundled runtime's class-data
// archive records it, and the launcher sets it back after Terraform unpacks the zip (which does not
// keep entry times); shim-go-launcher/layout.go has the same value.
var releaseJarTime = zipTime

// buildLauncher cross-compiles the Go launcher. CGO_ENABLED=0: a static binary with nothing to link
// on the user's machine, which a cross-compiler needs anyway.
func buildLauncher(source, platform, version, output string) error {
	goos, goarch, _ := strings.Cut(platform, "_")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -X main.version="+version, "-o", output, ".")
	cmd.Dir = source
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// writeZip packs a staged directory: files in name order, their Unix modes kept (the launcher and the
// runtime's programs must stay executable), symbolic links stored as the files they point to (jlink
// links the legal notices of its modules to java.base's, and an unpacker need not support links).
func writeZip(path, dir string) error {
	var files []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	w := zip.NewWriter(out)
	w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, file := range files {
		if err := addFile(w, dir, file); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return out.Close()
}

func addFile(w *zip.Writer, dir, file string) error {
	info, err := os.Stat(file) // follows links
	if err != nil {
		return err
	}
	relative, err := filepath.Rel(dir, file)
	if err != nil {
		return err
	}
	header := &zip.FileHeader{Name: filepath.ToSlash(relative), Method: zip.Deflate, Modified: zipTime}
	mode := os.FileMode(0o644)
	if info.Mode()&0o111 != 0 {
		mode = 0o755
	}
	header.SetMode(mode)
	dst, err := w.CreateHeader(header)
	if err != nil {
		return err
	}
	in, err := os.Open(file)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(dst, in)
	return err
}

func writeSums(dir, sumsName string, files []string) error {
	sort.Strings(files)
	var lines strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		lines.WriteString(hex.EncodeToString(sum[:]) + "  " + f + "\n")
	}
	return os.WriteFile(filepath.Join(dir, sumsName), []byte(lines.String()), 0o644)
}

func copyFile(from, to string, mode os.FileMode) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, mode)
}
