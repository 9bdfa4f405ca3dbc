#!/usr/bin/env bash
# Times what a user waits for: whole Terraform commands that start the provider, through the launcher
# and dev_overrides, with no API calls (a provider block pointing nowhere is enough for them):
# `terraform providers schema -json` and `terraform validate`, each including Terraform's own work.
#
# usage: bench/terraform-walks.sh [runs]      (build first: mvn -q -B package -DskipTests)
#   PROVIDER_DIR   where the launcher and jar are (default: target/provider)
#   COMPARE_DIR    another build's provider directory, timed in turns with this one (before/after)
set -euo pipefail

runs="${1:-8}"
root="$(cd "$(dirname "$0")/.." && pwd)"
provider_dir="$(cd "${PROVIDER_DIR:-$root/target/provider}" && pwd)"
[ -x "$provider_dir/terraform-provider-hyperstack" ] || { echo "no launcher in $provider_dir; run: mvn -q -B package -DskipTests" >&2; exit 1; }
command -v terraform >/dev/null || { echo "terraform is not on the PATH" >&2; exit 1; }

work="$(mktemp -d)"
# Walks go through a provider service of the bench's own (TF_HYPERSTACK_SERVICE=off: a JVM per walk).
export TF_HYPERSTACK_SERVICE_DIR="$work/svc"
stop_services() {
    "$provider_dir/terraform-provider-hyperstack" service stop >/dev/null 2>&1 || true
    [ -z "${COMPARE_DIR:-}" ] || "$COMPARE_DIR/terraform-provider-hyperstack" service stop >/dev/null 2>&1 || true
}
trap 'stop_services; rm -rf "$work"' EXIT

workspace() {  # name, provider directory
    mkdir -p "$work/$1"
    cat > "$work/$1/dev.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "tfhyperstack/hyperstack" = "$2"
  }
  direct {}
}
EOF
    cat > "$work/$1/main.tf" <<'EOF'
terraform {
  required_providers {
    hyperstack = { source = "tfhyperstack/hyperstack" }
  }
}
provider "hyperstack" {
  api_key     = "bench"
  api_address = "http://127.0.0.1:9/v1"
}
EOF
}

builds=(provider)
workspace provider "$provider_dir"
if [ -n "${COMPARE_DIR:-}" ]; then
    workspace compare "$(cd "$COMPARE_DIR" && pwd)"
    builds+=(compare)
fi

python3 - "$runs" "$work" "${builds[@]}" <<'PY'
import os, statistics, subprocess, sys, time

runs, work, builds = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
commands = ["providers schema -json", "validate"]
times = {(b, c): [] for b in builds for c in commands}
for i in range(runs + 1):  # the first round warms the page cache and is not counted
    for b in builds:
        for c in commands:
            env = dict(os.environ, TF_CLI_CONFIG_FILE=os.path.join(work, b, "dev.tfrc"), TF_IN_AUTOMATION="1")
            start = time.perf_counter()
            done = subprocess.run(["terraform"] + c.split(), cwd=os.path.join(work, b), env=env,
                                  capture_output=True)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                sys.exit("terraform %s failed for %s:\n%s" % (c, b, done.stderr.decode(errors="replace")[-2000:]))
            if i > 0:
                times[(b, c)].append(elapsed)
for c in commands:
    print("terraform %-24s" % c + "".join(
        "  %s median %5.0f ms (min %4.0f)" % (b, statistics.median(times[(b, c)]) * 1000, min(times[(b, c)]) * 1000)
        for b in builds) + "  (%d runs each, in turns)" % runs)
PY
