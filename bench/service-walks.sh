#!/usr/bin/env bash
# Times what the provider service is for: whole Terraform commands and single walks, warm (a service
# is running), cold (the service is stopped before each run, so the command starts one) and with the
# service off (one JVM per walk, as before the service), against the same commands on a configuration
# with only Terraform's built-in terraform_data (no provider process at all) and, when it can be built,
# a minimal provider written in Go (go-plugin + grpc-go): the yardstick for what a Go provider costs.
# Everything takes turns run by run, so the machine's drift affects each alike.
#
# usage: bench/service-walks.sh [runs]      (build first: mvn -q -B package -DskipTests)
#   PROVIDER_DIR   where the launcher and jar are (default: target/provider)
#   WARMUP         plans run through the warm service before timing starts (default 20)
#   ANCHOR_BUILD   the Go yardstick's build script (default: ../shared/anchors/go-provider/build beside
#                  the repository, when present); ANCHOR_BUILD=none leaves the Go provider out
#
# The configuration is the quickstart's shape: two look-ups (by name, by IP) and a power-state resource,
# converged, so that every plan and apply does the same work. Its provider block raises
# requests_per_minute: the bench measures the provider, not the client-side rate limit, which a warm
# service rightly shares between walks.
set -euo pipefail

runs="${1:-10}"
warmup="${WARMUP:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
provider_dir="$(cd "${PROVIDER_DIR:-$root/target/provider}" && pwd)"
launcher="$provider_dir/terraform-provider-hyperstack"
[ -x "$launcher" ] || { echo "no launcher in $provider_dir; run: mvn -q -B package -DskipTests" >&2; exit 1; }
command -v terraform >/dev/null || { echo "terraform is not on the PATH" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to time the runs" >&2; exit 1; }

work="$(mktemp -d)"
sim_pid=""
cleanup() {
    TF_HYPERSTACK_SERVICE_DIR="$work/svc" "$launcher" service stop >/dev/null 2>&1 || true
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The simulator, for the look-ups.
mkfifo "$work/sim.out"
"$launcher" simulator --port 0 --step-delay 0s >"$work/sim.out" 2>"$work/sim.log" &
sim_pid=$!
exec 3<"$work/sim.out"
read -r -t 60 api_address <&3 || { echo "the simulator did not start" >&2; cat "$work/sim.log" >&2; exit 1; }
cat <&3 >/dev/null &

# Terraform's client certificate for the single-walk timings: P-521 with SHA-512, as Terraform makes it.
keytool -genkeypair -keystore "$work/client.p12" -storepass changeit -alias client -keyalg EC \
    -groupname secp521r1 -sigalg SHA512withECDSA -dname "CN=localhost" -validity 1 >/dev/null 2>&1
keytool -exportcert -rfc -keystore "$work/client.p12" -storepass changeit -alias client >"$work/client.pem" 2>/dev/null

mkdir -p "$work/provider" "$work/tfdata"
cat >"$work/provider/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/tfhyperstack/hyperstack" = "$provider_dir"
  }
  direct {}
}
EOF
cat >"$work/provider/main.tf" <<'EOF'
terraform {
  required_providers {
    hyperstack = { source = "tfhyperstack/hyperstack" }
  }
}
provider "hyperstack" {
  requests_per_minute = 100000
}
data "hyperstack_instance" "by_name" { name = "web-1" }
data "hyperstack_instance" "by_ip" { ip = "10.0.0.12" }
resource "hyperstack_instance_power_state" "web" {
  instance_id = data.hyperstack_instance.by_name.id
  power_state = "running"
}
output "ip" { value = data.hyperstack_instance.by_ip.name }
EOF
cat >"$work/tfdata/main.tf" <<'EOF'
resource "terraform_data" "a" { input = "web-1" }
resource "terraform_data" "b" { input = terraform_data.a.output }
output "ip" { value = terraform_data.b.output }
EOF
: >"$work/tfdata/cli.tfrc"

configs=(provider tfdata)
anchor_build="${ANCHOR_BUILD:-$root/../shared/anchors/go-provider/build}"
if [ "$anchor_build" != none ] && [ -x "$anchor_build" ]; then
    echo "building the Go yardstick provider (apt packages, a minute)..."
    if (cd "$root" && "$anchor_build" "$work/anchor-mirror" >"$work/anchor.log" 2>&1); then
        mkdir -p "$work/anchor"
        cat >"$work/anchor/cli.tfrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$work/anchor-mirror"
    include = ["registry.terraform.io/anchor/anchor"]
  }
  direct { exclude = ["registry.terraform.io/anchor/anchor"] }
}
EOF
        cat >"$work/anchor/main.tf" <<'EOF'
terraform {
  required_providers {
    anchor = { source = "anchor/anchor" }
  }
}
data "anchor_echo" "a" { name = "web-1" }
data "anchor_echo" "b" { name = "10.0.0.12" }
resource "terraform_data" "web" { input = data.anchor_echo.a.name }
output "ip" { value = data.anchor_echo.b.name }
EOF
        configs+=(anchor)
    else
        echo "the Go yardstick did not build (see below); going on without it" >&2
        tail -5 "$work/anchor.log" >&2
    fi
fi

export HYPERSTACK_API_ADDRESS="$api_address" HYPERSTACK_API_KEY=simulator-key
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_HYPERSTACK_SERVICE_DIR="$work/svc"
for c in "${configs[@]}"; do
    (cd "$work/$c" && TF_CLI_CONFIG_FILE="$work/$c/cli.tfrc" terraform init -input=false >/dev/null 2>&1) || true
    (cd "$work/$c" && TF_CLI_CONFIG_FILE="$work/$c/cli.tfrc" terraform apply -auto-approve -input=false >/dev/null)
done

python3 - "$runs" "$warmup" "$work" "$launcher" "${configs[@]}" <<'PY'
import os, statistics, subprocess, sys, time

runs, warmup, work, launcher, configs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
pem = open(os.path.join(work, "client.pem")).read()

# Cold runs use a service directory of their own, so that stopping their service before each run
# leaves the warm runs' service (and its compiled code) alone.
cold_dir = os.path.join(work, "svc-cold")

def stop_cold_service():
    subprocess.run([launcher, "service", "stop"], capture_output=True,
                   env=dict(os.environ, TF_HYPERSTACK_SERVICE_DIR=cold_dir))

def terraform(config, command, service="on"):
    env = dict(os.environ, TF_CLI_CONFIG_FILE=os.path.join(work, config, "cli.tfrc"))
    if service == "off":
        env["TF_HYPERSTACK_SERVICE"] = "off"
    if service == "cold":
        env["TF_HYPERSTACK_SERVICE_DIR"] = cold_dir
    args = ["terraform"] + command.split() + (["-auto-approve"] if command == "apply" else [])
    start = time.perf_counter()
    done = subprocess.run(args, cwd=os.path.join(work, config), env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("terraform %s failed for %s:\n%s" % (command, config, done.stderr.decode(errors="replace")[-3000:]))
    return elapsed

def handshake(service="on"):
    """Launcher exec -> handshake line, as Terraform starts a walk; then the walk is dropped."""
    env = dict(os.environ, TF_PLUGIN_MAGIC_COOKIE="d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
               PLUGIN_PROTOCOL_VERSIONS="6", PLUGIN_CLIENT_CERT=pem, PLUGIN_MIN_PORT="10000", PLUGIN_MAX_PORT="25000")
    if service == "off":
        env["TF_HYPERSTACK_SERVICE"] = "off"
    start = time.perf_counter()
    p = subprocess.Popen([launcher], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = p.stdout.readline()
    elapsed = time.perf_counter() - start
    p.kill()
    p.wait()
    if not line.startswith(b"1|6|"):
        sys.exit("no handshake line: %r" % line)
    time.sleep(0.05)  # let the dropped session end before the next run
    return elapsed

cases = []  # (label, function)
cases.append(("walk: exec -> handshake, warm service", lambda: handshake("on")))
cases.append(("walk: exec -> handshake, service off", lambda: handshake("off")))
for command in ("plan", "apply"):
    cases.append(("%s: terraform_data only" % command, lambda c=command: terraform("tfdata", c)))
    cases.append(("%s: hyperstack, warm service" % command, lambda c=command: terraform("provider", c)))
    cases.append(("%s: hyperstack, cold (service stopped)" % command,
                  lambda c=command: (stop_cold_service(), terraform("provider", c, "cold"))[1]))
    cases.append(("%s: hyperstack, service off" % command, lambda c=command: terraform("provider", c, "off")))
    if "anchor" in configs:
        cases.append(("%s: Go provider (go-plugin)" % command, lambda c=command: terraform("anchor", c)))

# "Warm" is a service that has served for a while, as a user's has after a few commands: its hot
# paths (TLS above all) are compiled by C2 by then. A service's first commands are the cold case.
for _ in range(warmup):
    terraform("provider", "plan")

times = {label: [] for label, _ in cases}
for i in range(runs + 1):  # the first round warms the page cache and is not counted
    for label, run in cases:
        t = run()
        if i > 0:
            times[label].append(t)

def median_ms(label):
    return statistics.median(times[label]) * 1000

print("%d runs each, in turns; medians (min)" % runs)
for label, _ in cases:
    line = "%-44s %7.0f ms (%5.0f)" % (label, median_ms(label), min(times[label]) * 1000)
    if label.startswith("walk:"):
        line = "%-44s %7.1f ms (%5.1f)" % (label, median_ms(label), min(times[label]) * 1000)
    for command in ("plan", "apply"):
        base = "%s: terraform_data only" % command
        if label.startswith(command + ":") and label != base:
            line += "   %.1fx terraform_data" % (median_ms(label) / median_ms(base))
    print(line)

# The warm service's memory after all of that: resident set and the heap it may grow to.
status = subprocess.run([launcher, "service", "status"], capture_output=True, text=True).stdout
pid = next((l.split(": ", 1)[1] for l in status.splitlines() if l.startswith("pid: ")), None)
heap = next((l.split(": ", 1)[1] for l in status.splitlines() if l.startswith("heap: ")), "?")
rss = "?"
if pid:
    with open("/proc/%s/status" % pid) as f:
        rss = next((l.split(":", 1)[1].strip() for l in f if l.startswith("VmRSS:")), "?")
print("warm service after the runs: RSS %s, heap %s" % (rss, heap))
PY
