#!/usr/bin/env bash
# Benchmark of power changes (issue 5): one `terraform apply -parallelism=10` that stops 20 running
# instances through `hyperstack_instance_power_state`, against the simulator with a step delay of
# 2 s, compared with the same apply changing a single instance.
#
# Prints: the wall time of both applies, the target (2 x single + 2 s), and the API requests of the
# 20-instance apply by kind, from the simulator's own counter, with the status polls per poll tick.
#
# Setup runs between the timed applies at a short step delay (the admin endpoint
# /_simulator/step-delay), so that only the timed applies pay for the 2 s steps.
#
# Usage: bench/power-bench.sh [instances] [step-delay]   (defaults 20 and 2s; run `mvn package` first)
set -euo pipefail

N=${1:-20}
STEP=${2:-2s}
PARALLELISM=10
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROVIDER_DIR=${PROVIDER_DIR:-$ROOT/target/provider}
LAUNCHER=$PROVIDER_DIR/terraform-provider-hyperstack
[ -x "$LAUNCHER" ] || { echo "no launcher at $LAUNCHER; run: mvn -B -o package -DskipTests" >&2; exit 2; }
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }

WORK=$(mktemp -d /tmp/power-bench.XXXXXX)
# Walks go through a provider service of the bench's own (TF_HYPERSTACK_SERVICE=off: a JVM per walk).
export TF_HYPERSTACK_SERVICE_DIR="$WORK/svc"
SIM_PID=""
cleanup() {
  if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  "$LAUNCHER" service stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the simulator through the same launcher, with N synthetic instances; first stdout line: base URL
mkfifo "$WORK/sim.out"
"$LAUNCHER" simulator --port 0 --instances "$N" --step-delay "$STEP" --quiet >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
exec 3<"$WORK/sim.out"
read -r -t 60 BASE_URL <&3 || { echo "simulator did not start:" >&2; cat "$WORK/sim.err" >&2; exit 1; }
ADMIN=${BASE_URL%/v1}/_simulator
API_KEY=simulator-key
step_delay() { curl -sf -X POST -H 'Content-Type: application/json' -d "{\"step_delay\": \"$1\"}" "$ADMIN/step-delay" >/dev/null; }

IDS=$(curl -sf -H "api_key: $API_KEY" "$BASE_URL/core/virtual-machines?pageSize=100&search=synthetic-" \
  | python3 -c 'import json,sys; print(" ".join(str(v["id"]) for v in json.load(sys.stdin)["instances"] if v["name"].startswith("synthetic-")))')
[ "$(wc -w <<<"$IDS")" -eq "$N" ] || { echo "expected $N synthetic instances, got: $IDS" >&2; exit 1; }

cat >"$WORK/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/tfhyperstack/hyperstack" = "$PROVIDER_DIR"
  }
  direct {}
}
TFRC

# main.tf with every instance at power $1, except the first at $2
write_config() {
  {
    printf 'terraform {\n  required_providers {\n    hyperstack = { source = "tfhyperstack/hyperstack" }\n  }\n}\n\n'
    local first=1
    for id in $IDS; do
      local power=$1
      if [ $first = 1 ] && [ -n "${2:-}" ]; then power=$2; fi
      first=0
      printf 'resource "hyperstack_instance_power_state" "vm_%s" {\n  instance_id = "%s"\n  power_state = "%s"\n}\n' \
        "$id" "$id" "$power"
    done
  } >"$WORK/main.tf"
}

tf() {
  ( cd "$WORK" && TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
      HYPERSTACK_API_ADDRESS="$BASE_URL" HYPERSTACK_API_KEY="$API_KEY" \
      terraform "$@" -no-color -input=false >>"$WORK/terraform.log" 2>&1 ) \
    || { echo "terraform $* failed:" >&2; tail -40 "$WORK/terraform.log" >&2; exit 1; }
}

timed_apply() {
  local start end
  start=$(date +%s.%N)
  tf apply -auto-approve -parallelism=$PARALLELISM
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}

# --- setup: every instance running, in state (short steps)
step_delay 50ms
write_config running
tf apply -auto-approve -parallelism=$PARALLELISM

# --- one instance: running -> stopped
step_delay "$STEP"
write_config running stopped
SINGLE=$(timed_apply)

# --- back to all running (short steps), then all N: running -> stopped
step_delay 50ms
write_config running
tf apply -auto-approve -parallelism=$PARALLELISM
step_delay "$STEP"
write_config stopped
curl -sf -X POST "$ADMIN/stats/reset" >/dev/null
ALL=$(timed_apply)
STATS=$(curl -sf "$ADMIN/stats")

STOPPED=$(curl -sf -H "api_key: $API_KEY" "$BASE_URL/core/virtual-machines?pageSize=100&search=synthetic-" \
  | python3 -c 'import json,sys; print(sum(1 for v in json.load(sys.stdin)["instances"] if v["status"] == "SHUTOFF"))')

python3 - "$STATS" "$SINGLE" "$ALL" "$N" "$STOPPED" "$STEP" <<'PY'
import json, sys
stats, single, all_, n, stopped, step = json.loads(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
target = 2 * single + 2
print(f"step delay {step}, parallelism 10")
print(f"apply, 1 instance running -> stopped : {single:6.2f} s")
print(f"apply, {n} instances running -> stopped: {all_:6.2f} s   (target <= 2 x single + 2 s = {target:.2f} s: {'met' if all_ <= target else 'MISSED'})")
print(f"instances SHUTOFF afterwards: {stopped}/{n}")
print(f"API requests of the {n}-instance apply: {stats['total']}")
for kind, count in sorted(stats["requests"].items(), key=lambda kv: -kv[1]):
    print(f"  {count:5d}  {kind}")
polls = stats["requests"].get("GET /core/virtual-machines", 0)
print(f"status polls (listings) for all {n} instances together: {polls} in {all_:.1f} s "
      f"= {polls / all_:.2f} per second (poll interval 1 s, growing to 8 s)")
print("statuses:", stats["statuses"])
PY
