package main

import (
	"encoding/json"
	"io"
	"time"
)

// hclogTime is hclog's JSON timestamp layout, so that the launcher's lines look like the plugin's own.
const hclogTime = "2006-01-02T15:04:05.000000Z07:00"

// logModule is the module name the plugin's own lines carry.
const logModule = "provider." + binaryName

// debugLine writes one hclog JSON line at debug level. go-plugin reads a plugin's stderr line by line
// and re-logs the lines that parse as hclog JSON at their own level, so these reach Terraform's log
// under TF_LOG=debug and stay out of a user's way otherwise. A plain text line would be logged too,
// but at a level that a normal run shows.
func debugLine(w io.Writer, message string) {
	writeLogLine(w, message, time.Now())
}

func writeLogLine(w io.Writer, message string, now time.Time) {
	line := struct {
		Level     string `json:"@level"`
		Message   string `json:"@message"`
		Module    string `json:"@module"`
		Timestamp string `json:"@timestamp"`
	}{"debug", message, logModule, now.Format(hclogTime)}
	encoder := json.NewEncoder(w)
	// Paths and "<" in messages stay readable in a raw log; the JSON is valid either way.
	encoder.SetEscapeHTML(false)
	encoder.Encode(line)
}
