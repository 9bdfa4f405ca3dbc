package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeEnv is a fake environment.
type fakeEnv map[string]string

func (e fakeEnv) get(name string) string { return e[name] }

func search(goos string, e fakeEnv, look func(string) (string, error), selfDir string) javaSearch {
	return javaSearch{goos: goos, getenv: e.get, look: look, selfDir: selfDir, warn: &bytes.Buffer{}}
}

// installJava lays out a Java home the way the platform does: bin/java, or bin\java.exe on Windows
// (which needs no execute bit), and the release file.
func installJava(t *testing.T, home, goos, version string, mode os.FileMode) string {
	t.Helper()
	exe := javaExecutable(home, goos)
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, []byte("not a real java"), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "release"), []byte("JAVA_VERSION=\""+version+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return exe
}

func TestEachPlatformFindsJavaHomesJava(t *testing.T) {
	for _, c := range []struct{ goos, name string }{
		{"linux", "java"}, {"darwin", "java"}, {"windows", "java.exe"},
	} {
		home := t.TempDir()
		// Windows files have no execute bit: a java.exe without one must still count.
		mode := os.FileMode(0o755)
		if c.goos == "windows" {
			mode = 0o644
		}
		exe := installJava(t, home, c.goos, "17.0.9", mode)
		java, err := findJava(search(c.goos, fakeEnv{"JAVA_HOME": home}, noPath, t.TempDir()))
		if err != nil {
			t.Fatalf("%s: %v", c.goos, err)
		}
		if java.Executable != exe || filepath.Base(exe) != c.name || java.Bundled || java.Major != 17 {
			t.Errorf("%s: got %+v", c.goos, java)
		}
	}
}

func TestWithoutJavaHomeThePathsJavaIsUsedAndItsHomeFound(t *testing.T) {
	for _, goos := range []string{"linux", "darwin", "windows"} {
		home := t.TempDir()
		exe := installJava(t, home, goos, "21.0.2", 0o755)
		look := func(name string) (string, error) {
			if name != "java" {
				t.Errorf("looked up %q", name)
			}
			return exe, nil
		}
		java, err := findJava(search(goos, fakeEnv{}, look, t.TempDir()))
		if err != nil || java.Executable != exe || java.Home != home || java.Major != 21 {
			t.Errorf("%s: got %+v, %v", goos, java, err)
		}
	}
}

func TestTheBundledRuntimeWinsOverJavaHomeAndPath(t *testing.T) {
	self := t.TempDir()
	bundled := installJava(t, filepath.Join(self, bundledRuntimeDir), "linux", "17.0.15", 0o755)
	other := t.TempDir()
	installJava(t, other, "linux", "21.0.2", 0o755)
	java, err := findJava(search("linux", fakeEnv{"JAVA_HOME": other}, noPath, self))
	if err != nil || java.Executable != bundled || !java.Bundled {
		t.Errorf("got %+v, %v; want the bundled %s", java, err, bundled)
	}
}

func TestTheUsersChoiceWinsOverTheBundledRuntime(t *testing.T) {
	self := t.TempDir()
	installJava(t, filepath.Join(self, bundledRuntimeDir), "linux", "17.0.15", 0o755)
	chosen := t.TempDir()
	exe := installJava(t, chosen, "linux", "21.0.2", 0o755)
	java, err := findJava(search("linux", fakeEnv{javaHomeVariable: chosen}, noPath, self))
	if err != nil || java.Executable != exe || java.Bundled {
		t.Errorf("got %+v, %v; want %s", java, err, exe)
	}
	// A choice that points at no Java is an error, not a silent fall-back to another Java.
	_, err = findJava(search("linux", fakeEnv{javaHomeVariable: t.TempDir()}, noPath, self))
	if err == nil || !strings.Contains(err.Error(), javaHomeVariable) {
		t.Errorf("want an error naming %s, got %v", javaHomeVariable, err)
	}
}

// elfWithInterpreter writes a minimal 64-bit ELF executable whose only program header asks for the
// given program interpreter, as a glibc-linked bin/java does.
func elfWithInterpreter(t *testing.T, path, interpreter string) {
	t.Helper()
	const ehsize, phsize = 64, 56
	interp := append([]byte(interpreter), 0)
	buf := make([]byte, ehsize+phsize, ehsize+phsize+len(interp))
	copy(buf, []byte{0x7f, 'E', 'L', 'F', 2, 1, 1})
	le16 := func(at int, v uint16) { buf[at], buf[at+1] = byte(v), byte(v>>8) }
	le32 := func(at int, v uint32) { le16(at, uint16(v)); le16(at+2, uint16(v>>16)) }
	le64 := func(at int, v uint64) { le32(at, uint32(v)); le32(at+4, uint32(v>>32)) }
	le16(16, 2)      // ET_EXEC
	le16(18, 62)     // EM_X86_64
	le32(20, 1)      // EV_CURRENT
	le64(32, ehsize) // e_phoff
	le16(52, ehsize)
	le16(54, phsize)
	le16(56, 1)     // e_phnum
	le32(ehsize, 3) // PT_INTERP
	le64(ehsize+8, ehsize+phsize)
	le64(ehsize+32, uint64(len(interp)))
	le64(ehsize+40, uint64(len(interp)))
	buf = append(buf, interp...)
	if err := os.WriteFile(path, buf, 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestABundledRuntimeThatCannotRunHereGivesWayToTheSystemsJavaInOneLine(t *testing.T) {
	self := t.TempDir()
	home := filepath.Join(self, bundledRuntimeDir)
	bundled := installJava(t, home, "linux", "17.0.15", 0o755)
	// musl systems have no glibc loader: the interpreter path does not exist.
	elfWithInterpreter(t, bundled, filepath.Join(t.TempDir(), "ld-linux-x86-64.so.2"))
	system := t.TempDir()
	exe := installJava(t, system, "linux", "17.0.2", 0o755)
	s := search("linux", fakeEnv{"JAVA_HOME": system}, noPath, self)
	java, err := findJava(s)
	if err != nil || java.Executable != exe {
		t.Fatalf("got %+v, %v; want %s", java, err, exe)
	}
	warning := s.warn.(*bytes.Buffer).String()
	if strings.Count(warning, "\n") != 1 || !strings.HasPrefix(warning, "[WARN] ") ||
		!strings.Contains(warning, "bundled Java runtime cannot run") || !strings.Contains(warning, exe) {
		t.Errorf("want one [WARN] line naming the Java used instead, got %q", warning)
	}

	// With no Java at all, the error says both things.
	_, err = findJava(search("linux", fakeEnv{}, noPath, self))
	if err == nil || !strings.Contains(err.Error(), "bundled Java runtime cannot run") ||
		!strings.Contains(err.Error(), "apt-get install") {
		t.Errorf("got %v", err)
	}
}

func TestABundledRuntimeWhoseInterpreterExistsIsUsed(t *testing.T) {
	self := t.TempDir()
	bundled := installJava(t, filepath.Join(self, bundledRuntimeDir), "linux", "17.0.15", 0o755)
	loader := filepath.Join(t.TempDir(), "ld.so")
	if err := os.WriteFile(loader, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	elfWithInterpreter(t, bundled, loader)
	java, err := findJava(search("linux", fakeEnv{}, noPath, self))
	if err != nil || !java.Bundled {
		t.Errorf("got %+v, %v", java, err)
	}
}

func TestWithoutAnyJavaEachPlatformNamesWhatToInstall(t *testing.T) {
	for goos, advice := range map[string]string{
		"linux": "apt-get install openjdk-17-jre-headless", "darwin": "brew install", "windows": "winget install",
	} {
		_, err := findJava(search(goos, fakeEnv{}, noPath, t.TempDir()))
		if err == nil || !strings.Contains(err.Error(), advice) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: want one line advising %q, got %v", goos, advice, err)
		}
	}
}

func TestTheBundledRuntimeUsesTheReleasesArchiveWithARelativeClassPath(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, bundledRuntimeDir)
	jar := filepath.Join(dir, "lib", jarName)
	archive := filepath.Join(home, "lib", bundledArchiveName)
	for _, f := range []string{jar, archive} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	java := Java{Executable: javaExecutable(home, runtime.GOOS), Home: home, Bundled: true}
	// Unpacked by Terraform: the jar has the time of unpacking, which the launcher sets back.
	layout, err := findLayout(dir, java, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if layout.Archive != archive || layout.WorkDir != dir || layout.ClassPath != filepath.Join("lib", jarName) {
		t.Errorf("got %+v", layout)
	}
	if info, _ := os.Stat(jar); !info.ModTime().Equal(releaseJarTime) {
		t.Errorf("the jar's time is %v, want the release's %v", info.ModTime(), releaseJarTime)
	}
	argv := strings.Join(commandLine(java, layout, fakeEnv{}.get, nil), " ")
	if !strings.Contains(argv, "-XX:SharedArchiveFile="+archive) || !strings.Contains(argv, "-cp lib/"+jarName+" ") {
		t.Errorf("command line: %s", argv)
	}
	// The command line is the same at every start, so the provider service's build key is too: no
	// archive appears later to change it (as the first-run maker's does for a system Java).
	again, _ := findLayout(dir, java, t.TempDir())
	if strings.Join(commandLine(java, again, fakeEnv{}.get, nil), " ") != argv {
		t.Error("the second start's command line differs from the first's")
	}
}

func TestAJarOutsideTheReleasesPlaceTakesTheUsersCacheArchive(t *testing.T) {
	// A build directory (target/provider) keeps the jar beside the launcher: the bundled archive,
	// written for lib/, cannot fit it.
	dir := t.TempDir()
	home := filepath.Join(dir, bundledRuntimeDir)
	for _, f := range []string{filepath.Join(dir, jarName), filepath.Join(home, "lib", bundledArchiveName)} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := t.TempDir()
	layout, err := findLayout(dir, Java{Home: home, Bundled: true}, cache)
	if err != nil {
		t.Fatal(err)
	}
	if layout.WorkDir != "" || layout.ClassPath != "" || filepath.Dir(layout.ArchiveTarget) != cache {
		t.Errorf("got %+v", layout)
	}
}
