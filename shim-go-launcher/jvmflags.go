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

func commandLine(java Java, layout Layout, getenv func(string) string, args []string) []string {
	argv := []string{java.Executable}
	extra := getenv(extraOptionsVariable)
	for _, option := range jvmOptions {
		if option == singleCompilerThread && (strings.Contains(extra, "Tiered") || strings.Contains(extra, "CICompilerCount")) {
			continue
		}
		argv = append(argv, option)
	}
	if option := transparentHugePagesOption(); option != "" {
		argv = append(argv, option)
	}
	if layout.Archive != "" {
		argv = append(argv, "-XX:SharedArchiveFile="+layout.Archive)
	}
	argv = append(argv, strings.Fields(extra)...)
	argv = append(argv, "-cp", layout.Jar, mainClass)
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
