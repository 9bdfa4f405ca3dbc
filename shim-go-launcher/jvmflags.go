package main

import (
	"os"
	"runtime"
	"strings"
)

// extraOptionsVariable lets a user add JVM options (a debugger agent, a bigger heap) without
// editing anything; they come after ours, so they win.
const extraOptionsVariable = "TF_HYPERSTACK_JAVA_OPTS"

// jvmOptions are chosen for a process that starts often, lives for seconds and handles one client.
// See bench/startup.sh for the measurements behind them.
var jvmOptions = []string{
	// The JVM's unified logging prints to stdout by default, and stdout carries the handshake:
	// send warnings and errors to stderr instead, and keep class-data sharing quiet when an
	// archive does not fit this JVM (it then simply runs without it).
	"-Xlog:disable",
	"-Xlog:all=warning:stderr",
	"-Xlog:cds*=off:stderr",
	"-Xshare:auto",
	// C1 alone compiles fast enough for a short-lived process; C2 would only burn the second core.
	"-XX:TieredStopAtLevel=1",
	singleCompilerThread,
	"-XX:+UseSerialGC",
	"-XX:-UsePerfData",
	"-Xss512k",
	// A young generation that the start-up and the first answer fit into, so that no collection
	// runs before it (with -Xms16m two did, 12-15 ms each). With the heap on huge pages this costs
	// no resident memory that the collections' copying did not already touch.
	"-Xms32m",
	"-Xmn24m",
	"-Xmx512m",
}

// singleCompilerThread: with C1 only, one compiler thread keeps up, and a second one mostly competes
// with start-up's own threads for the CPU (bench/FirstRpc.java on 2 cores: exec to handshake 399 ->
// 370 ms, exec to exit 701 -> 652 ms). The JVM refuses it with C2 enabled, so it is left out when the
// user's options change the compilation tiers.
const singleCompilerThread = "-XX:CICompilerCount=1"

// shortLifeOnly are the options that suit a JVM serving one walk and exiting, but not the provider
// service, which lives for many walks: there C2 pays for itself, and most of a warm walk's CPU is TLS
// (the P-521 signature of Terraform's client certificate, ECDHE, AES-GCM), whose arithmetic C2 compiles
// several times faster than C1 (bench/service-walks.sh).
var shortLifeOnly = map[string]bool{"-XX:TieredStopAtLevel=1": true, singleCompilerThread: true}

// serviceOnlyOptions are added for the provider service: a heap that ran out leaves a service that
// fails every session in odd ways, while a service that exits is replaced by the next walk.
var serviceOnlyOptions = []string{"-XX:+ExitOnOutOfMemoryError"}

// commandLine is the JVM command line of a plugin that serves one walk in its own process.
func commandLine(java Java, layout Layout, getenv func(string) string, args []string) []string {
	return jvmCommandLine(java, layout, getenv, args, false)
}

// serviceCommandLine is the JVM command line of the provider service.
func serviceCommandLine(java Java, layout Layout, getenv func(string) string, args []string) []string {
	return jvmCommandLine(java, layout, getenv, args, true)
}

func jvmCommandLine(java Java, layout Layout, getenv func(string) string, args []string, service bool) []string {
	argv := []string{java.Executable}
	extra := getenv(extraOptionsVariable)
	for _, option := range jvmOptions {
		if option == singleCompilerThread && (strings.Contains(extra, "Tiered") || strings.Contains(extra, "CICompilerCount")) {
			continue
		}
		if service && shortLifeOnly[option] {
			continue
		}
		argv = append(argv, option)
	}
	if service {
		argv = append(argv, serviceOnlyOptions...)
	}
	if option := transparentHugePagesOption(); option != "" {
		argv = append(argv, option)
	}
	if layout.Archive != "" {
		argv = append(argv, "-XX:SharedArchiveFile="+layout.Archive)
	}
	argv = append(argv, strings.Fields(extra)...)
	argv = append(argv, "-cp", layout.classPath(), mainClass)
	return append(argv, args...)
}

// transparentHugePagesSetting is where Linux says whether a process may ask for transparent huge pages.
var transparentHugePagesSetting = "/sys/kernel/mm/transparent_hugepage/enabled"

// transparentHugePagesOption backs the Java heap with 2 MB pages where the kernel lets a process ask
// for them ("always" or "madvise" selected). A start-up touches some 10 MB of fresh heap; with 4 KB
// pages that is thousands of page faults, which are slow on virtual machines (bench/startup.sh on a
// 2-core VM: ~1,800 fewer faults, exec to handshake 449 -> 404 ms). Where the kernel says "never",
// the JVM would only print a warning, so the option is left out.
func transparentHugePagesOption() string {
	if runtime.GOOS != "linux" {
		return ""
	}
	setting, err := os.ReadFile(transparentHugePagesSetting)
	if err != nil {
		return ""
	}
	if strings.Contains(string(setting), "[always]") || strings.Contains(string(setting), "[madvise]") {
		return "-XX:+UseTransparentHugePages"
	}
	return ""
}
