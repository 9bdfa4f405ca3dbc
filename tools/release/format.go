package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"fmt"
	"strings"
)

// checkExecutable makes sure a launcher is an executable of the platform whose zip it goes into: a
// wrong GOOS or GOARCH would only show on a user's machine, as an exec format error.
func checkExecutable(path, platform string) error {
	goos, goarch, _ := strings.Cut(platform, "_")
	var got string
	switch goos {
	case "linux":
		file, err := elf.Open(path)
		if err != nil {
			return fmt.Errorf("%s is not an ELF executable: %w", path, err)
		}
		defer file.Close()
		if file.Class != elf.ELFCLASS64 || file.Type != elf.ET_EXEC {
			return fmt.Errorf("%s is %v %v, not a 64-bit executable", path, file.Class, file.Type)
		}
		got = map[elf.Machine]string{elf.EM_X86_64: "amd64", elf.EM_AARCH64: "arm64"}[file.Machine]
	case "darwin":
		file, err := macho.Open(path)
		if err != nil {
			return fmt.Errorf("%s is not a Mach-O executable: %w", path, err)
		}
		defer file.Close()
		if file.Type != macho.TypeExec {
			return fmt.Errorf("%s is a Mach-O %v, not an executable", path, file.Type)
		}
		got = map[macho.Cpu]string{macho.CpuAmd64: "amd64", macho.CpuArm64: "arm64"}[file.Cpu]
	case "windows":
		file, err := pe.Open(path)
		if err != nil {
			return fmt.Errorf("%s is not a PE executable: %w", path, err)
		}
		defer file.Close()
		if _, ok := file.OptionalHeader.(*pe.OptionalHeader64); !ok {
			return fmt.Errorf("%s is not PE32+", path)
		}
		got = map[uint16]string{pe.IMAGE_FILE_MACHINE_AMD64: "amd64", pe.IMAGE_FILE_MACHINE_ARM64: "arm64"}[file.Machine]
	default:
		return fmt.Errorf("no check for %s executables", goos)
	}
	if got != goarch {
		return fmt.Errorf("%s is built for %q, not %s", path, got, goarch)
	}
	return nil
}
