#!/usr/bin/env bash
# Benchmark of a plan against an API that grants fewer requests than the provider's default pace
# (issue 15): the simulator answers 429 past RATE requests a minute and serves pages of at most
# PAGE_CAP items; the fleet needs more pages than a minute grants; LOOKUPS `hyperstack_instance`
# look-ups by name share one listing. The provider runs with its default configuration.
#
# Prints, for each scenario (the API sends no Retry-After; it sends the seconds until its minute
# ends): the pages the listing needs, the requests the API saw (429s included) and the plan's wall
# time, against the ideal: pages requests, in pages/RATE minutes (an API window that has started
# with a full budget can make it shorter: the first RATE pages go at once).
#
# Usage: bench/rate-limit-bench.sh [instances] [lookups] [rate] [page-cap]
#        (defaults 300 synthetic instances, 31 look-ups, 40 a minute, pages of 7; run `mvn package` first)
set -euo pipefail

INSTANCES=${1:-300}
LOOKUPS=${2:-31}
RATE=${3:-40}
PAGE_CAP=${4:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROVIDER_DIR=${PROVIDER_DIR:-$ROOT/target/provider}
LAUNCHER=$PROVIDER_DIR/terraform-provider-hyperstack
[ -x "$LAUNCHER" ] || { echo "no launcher at $LAUNCHER; run: mvn -B package -DskipTests" >&2; exit 2; }
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }

WORK=$(mktemp -d /tmp/rate-limit-bench.XXXXXX)
export TF_HYPERSTACK_SERVICE_DIR="$WORK/svc"
SIM_PID=""
cleanup() {
  "$LAUNCHER" service stop >/dev/null 2>&1 || true
  if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

cat >"$WORK/cli.tfrc" <<HCL
provider_installation {
  dev_overrides {
    "registry.terraform.io/tfhyperstack/hyperstack" = "$PROVIDER_DIR"
  }
  direct {}
}
HCL
{
  printf 'terraform {\n  required_providers {\n    hyperstack = { source = "tfhyperstack/hyperstack" }\n  }\n}\n'
  for i in $(seq 0 $((LOOKUPS - 1))); do
    printf 'data "hyperstack_instance" "l%d" {\n  name = "synthetic-%05d"\n}\n' "$i" $((1 + i * (INSTANCES / LOOKUPS)))
  done
} >"$WORK/main.tf"

# One scenario: a fresh simulator (so the API's minute starts with it), then one plan.
scenario() {
  local label=$1; shift
  mkfifo "$WORK/sim.out"
  "$LAUNCHER" simulator --port 0 --instances "$INSTANCES" --max-page-size "$PAGE_CAP" --quiet "$@" \
      >"$WORK/sim.out" 2>"$WORK/sim.err" &
  SIM_PID=$!
  exec 3<"$WORK/sim.out"
  read -r -t 60 BASE_URL <&3 || { echo "simulator did not start:" >&2; cat "$WORK/sim.err" >&2; exit 1; }
  rm -f "$WORK/sim.out"
  local admin=${BASE_URL%/v1}/_simulator key=simulator-key
  local total
  total=$(curl -s -H "api_key: $key" "$BASE_URL/core/virtual-machines?pageSize=1" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  # The limit goes on only now, so that the count above is not part of it; its minute starts here.
  curl -s -X POST -H 'Content-Type: application/json' -d "{\"rate_limit\": $RATE}" "$admin/faults" >/dev/null
  curl -s -X POST "$admin/stats/reset" >/dev/null
  local start end
  start=$(date +%s.%N)
  ( cd "$WORK" && TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
      HYPERSTACK_API_ADDRESS="$BASE_URL" HYPERSTACK_API_KEY="$key" \
      terraform plan -no-color -input=false >"$WORK/plan.out" 2>&1 ) || {
    echo "$label: terraform plan failed:" >&2; tail -40 "$WORK/plan.out" >&2; exit 1; }
  end=$(date +%s.%N)
  curl -s "$admin/stats" | python3 -c '
import json, math, sys
label, total, cap, rate, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
s = json.load(sys.stdin)
pages = math.ceil(total / cap)
limited = s["statuses"].get("429", 0)
sent = s["total"]
print(f"{label}: {total} instances, {pages} pages; requests {sent} ({limited} answered 429), "
      f"{sent / pages:.2f}x the pages; wall time {end - start:.0f} s, ideal {pages / rate * 60:.0f} s "
      f"(pages / rate)")
' "$label" "$total" "$PAGE_CAP" "$RATE" "$start" "$end"
  kill "$SIM_PID" 2>/dev/null || true
  wait "$SIM_PID" 2>/dev/null || true
  SIM_PID=""
}

echo "rate limit $RATE a minute, pages of at most $PAGE_CAP, $LOOKUPS look-ups by name, default provider configuration"
scenario "no Retry-After        "
scenario "Retry-After (window)  " --retry-after window
