package main

import "strings"

// Which starts of the launcher concern the provider service; the same on every platform, so that
// `service status` gets an answer even where there is no service.

// serviceAction tells whether the arguments are `service status` or `service stop`, and which.
func serviceAction(args []string) (string, bool) {
	if len(args) == 2 && args[0] == "service" && (args[1] == "status" || args[1] == "stop") {
		return args[1], true
	}
	return "", false
}

// pluginCookie is go-plugin's magic cookie value for Terraform providers: only Terraform's own starts
// go to the service, never a person running the binary.
const pluginCookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"

// serviceVariable turns the service off.
const serviceVariable = "TF_HYPERSTACK_SERVICE"

// serviceWanted tells whether this start is one of Terraform's walks that may go to the service.
func serviceWanted(args []string, getenv func(string) string) bool {
	if !serviceSupported || len(args) != 0 || getenv("TF_PLUGIN_MAGIC_COOKIE") != pluginCookie {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(getenv(serviceVariable))) {
	case "off", "0", "false", "no":
		return false
	}
	return true
}
