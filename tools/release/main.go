// Command release builds the files of a provider release as Terraform registries and filesystem
// mirrors expect them: one terraform-provider-hyperstack_<version>_<os>_<arch>.zip per platform, each
// holding the launcher (named with its version, as Terraform looks for it, cross-compiled for that
// platform) and the jar in lib/; linux_amd64 also carries a Java runtime of its own (runtime.go); plus
// the registry manifest and a SHA256SUMS file over the zips and the manifest. Signing is left to
// scripts/release, which has the user's keyring. Written in Go so that file modes survive in the zips
// without depending on a zip tool being installed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const name = "terraform-provider-hyperstack"

// allPlatforms are the registry's names of the platforms a release is built for.
var allPlatforms = []string{"darwin_amd64", "darwin_arm64", "linux_amd64", "linux_arm64", "windows_amd64"}

// runtimePlatform is the one platform whose zip carries a Java runtime: HCP Terraform's remote runs and
// the usual CI images for Terraform are linux_amd64 without Java. It is built from the JDK of the
// machine that builds the release, so that machine must be a linux_amd64 one.
const runtimePlatform = "linux_amd64"

func main() {
	version := flag.String("version", "", "provider version, e.g. 0.1.0")
	jar := flag.String("jar", "", "the provider's shaded jar")
	launcherSource := flag.String("launcher-src", "", "the Go launcher's source directory")
	outDir := flag.String("out", "", "directory to write the release files into (emptied first)")
	workDir := flag.String("work", "", "directory for the platforms' unpacked contents (default: <out>-work)")
	manifest := flag.String("manifest", "", "terraform-registry-manifest.json to publish beside the zips")
	platforms := flag.String("platforms", "all", "comma-separated os_arch names, or all")
	jdk := flag.String("jdk", os.Getenv("JAVA_HOME"), "the JDK 17 whose jlink and jmods make linux_amd64's runtime")
	runtimeNeed := flag.String("runtime", "required", "required, or optional: without a JDK 17 with jmods, "+
		"linux_amd64 is built without its runtime and a warning says why (for development builds)")
	flag.Parse()
	if *version == "" || *jar == "" || *launcherSource == "" || *outDir == "" || *manifest == "" {
		flag.Usage()
		os.Exit(2)
	}
	chosen, err := parsePlatforms(*platforms)
	if err == nil {
		work := *workDir
		if work == "" {
			work = strings.TrimRight(*outDir, string(filepath.Separator)) + "-work"
		}
		err = build(release{version: *version, jar: *jar, launcherSource: *launcherSource, out: *outDir,
			work: work, manifest: *manifest, platforms: chosen, jdk: *jdk, runtimeOptional: *runtimeNeed == "optional"})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func parsePlatforms(list string) ([]string, error) {
	if list == "all" {
		return allPlatforms, nil
	}
	var chosen []string
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if !contains(allPlatforms, p) {
			return nil, fmt.Errorf("unknown platform %q; known: %s", p, strings.Join(allPlatforms, ", "))
		}
		chosen = append(chosen, p)
	}
	return chosen, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type release struct {
	version        string
	jar            string
	launcherSource string
	out            string
	work           string
	manifest       string
	platforms      []string
	jdk            string
	// runtimeOptional lets a development build go on without the runtime where this machine's JDK
	// cannot make it (not 17, no jmods): the README's quickstart needs Java 17 or newer, not a full JDK
	// 17. scripts/release requires it.
	runtimeOptional bool
}

func (r release) zipName(platform string) string {
	return fmt.Sprintf("%s_%s_%s.zip", name, r.version, platform)
}

// executableName is the file Terraform runs: the first in the package whose name starts with
// terraform-provider-hyperstack followed by "_" or ".".
func (r release) executableName(platform string) string {
	exe := name + "_v" + r.version
	if strings.HasPrefix(platform, "windows_") {
		exe += ".exe"
	}
	return exe
}

func build(r release) error {
	for _, dir := range []string{r.out, r.work} {
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	var published []string
	for _, platform := range r.platforms {
		stage := filepath.Join(r.work, platform)
		if err := r.stagePlatform(platform, stage); err != nil {
			return fmt.Errorf("%s: %w", platform, err)
		}
		if err := writeZip(filepath.Join(r.out, r.zipName(platform)), stage); err != nil {
			return fmt.Errorf("%s: %w", platform, err)
		}
		published = append(published, r.zipName(platform))
	}
	manifestName := fmt.Sprintf("%s_%s_manifest.json", name, r.version)
	if err := copyFile(r.manifest, filepath.Join(r.out, manifestName), 0o644); err != nil {
		return err
	}
	published = append(published, manifestName)
	return writeSums(r.out, fmt.Sprintf("%s_%s_SHA256SUMS", name, r.version), published)
}

// stagePlatform lays out one platform's package as it will be unpacked: the launcher, lib/ with the
// jar (in lib/, since Terraform would take a top-level file named terraform-provider-hyperstack.jar
// for the plugin executable) and, for linux_amd64, jre/.
func (r release) stagePlatform(platform, stage string) error {
	if err := os.MkdirAll(filepath.Join(stage, "lib"), 0o755); err != nil {
		return err
	}
	launcher := filepath.Join(stage, r.executableName(platform))
	if err := buildLauncher(r.launcherSource, platform, r.version, launcher); err != nil {
		return err
	}
	if err := checkExecutable(launcher, platform); err != nil {
		return err
	}
	jar := filepath.Join(stage, "lib", name+".jar")
	if err := copyFile(r.jar, jar, 0o644); err != nil {
		return err
	}
	if err := os.Chtimes(jar, releaseJarTime, releaseJarTime); err != nil {
		return err
	}
	if platform == runtimePlatform {
		if err := checkJdk(r.jdk); err != nil && r.runtimeOptional {
			fmt.Fprintf(os.Stderr, "release: WARNING: %s built without its Java runtime: %v\n", platform, err)
			return nil
		}
		return bundleRuntime(r.jdk, stage, launcher)
	}
	return nil
}
