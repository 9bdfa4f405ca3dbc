// Command release packs a built provider into the archive layout Terraform registries and
// filesystem mirrors expect: terraform-provider-hyperstack_<version>_<os>_<arch>.zip holding the
// launcher (named with its version, as Terraform looks for it) and the jar beside it, plus a
// SHA256SUMS file and the registry manifest. Written in Go so that file modes survive in the zip
// without depending on a zip tool being installed.
package main

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"
)

const name = "terraform-provider-hyperstack"

func main() {
	version := flag.String("version", "", "provider version, e.g. 0.1.0")
	providerDir := flag.String("provider-dir", "", "directory with the built launcher and jar")
	outDir := flag.String("out", "", "directory to write the release files into")
	manifest := flag.String("manifest", "", "terraform-registry-manifest.json to publish beside the zip")
	flag.Parse()
	if *version == "" || *providerDir == "" || *outDir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*version, *providerDir, *outDir, *manifest); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(version, providerDir, outDir, manifest string) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	platform := runtime.GOOS + "_" + runtime.GOARCH
	zipName := fmt.Sprintf("%s_%s_%s.zip", name, version, platform)
	entries := []entry{
		{source: filepath.Join(providerDir, name), target: name + "_v" + version, mode: 0o755},
		// in lib/: Terraform would take a top-level file named terraform-provider-hyperstack.jar for
		// the plugin executable
		{source: filepath.Join(providerDir, name+".jar"), target: "lib/" + name + ".jar", mode: 0o644},
	}
	// The class-data sharing archive is left out: the JVM accepts it only at the class path it was
	// made with, which an installed copy never has.
	if err := writeZip(filepath.Join(outDir, zipName), entries); err != nil {
		return err
	}
	published := []string{zipName}
	if manifest != "" {
		manifestName := fmt.Sprintf("%s_%s_manifest.json", name, version)
		if err := copyFile(manifest, filepath.Join(outDir, manifestName)); err != nil {
			return err
		}
		published = append(published, manifestName)
	}
	return writeSums(outDir, fmt.Sprintf("%s_%s_SHA256SUMS", name, version), published)
}

type entry struct {
	source string
	target string
	mode   os.FileMode
}

func writeZip(path string, entries []entry) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	w := zip.NewWriter(out)
	// a fixed time keeps the archive, and so its checksum, the same for the same inputs
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range entries {
		in, err := os.Open(e.source)
		if err != nil {
			return err
		}
		header := &zip.FileHeader{Name: e.target, Method: zip.Deflate, Modified: stamp}
		header.SetMode(e.mode)
		dst, err := w.CreateHeader(header)
		if err == nil {
			_, err = io.Copy(dst, in)
		}
		in.Close()
		if err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return out.Close()
}

func writeSums(dir, sumsName string, files []string) error {
	sort.Strings(files)
	var lines string
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		lines += hex.EncodeToString(sum[:]) + "  " + f + "\n"
	}
	return os.WriteFile(filepath.Join(dir, sumsName), []byte(lines), 0o644)
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
