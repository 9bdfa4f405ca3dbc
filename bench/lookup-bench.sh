#!/usr/bin/env bash
# Benchmark of instance lookups (issue 4): one `terraform plan` with 100 `hyperstack_instance`
# lookups (50 by name, 50 by IP) over a simulated fleet of 1000 instances.
#
# Prints: the API requests the plan cost (from the simulator's own counter), the plan's wall time,
# and the provider's peak resident memory.
#
# How peak memory is measured: the launcher execs the JVM, so the provider is one process that
# Terraform starts (possibly more than once per plan: schema, validate, plan). The bench points
# dev_overrides at a directory whose `terraform-provider-hyperstack` is a wrapper that runs the real
# launcher under `/usr/bin/time -f %M`: the kernel's ru_maxrss of that process over its whole life,
# written when it exits (Terraform shuts providers down gracefully, so it does). No sampling, so no
# missed peak. As a cross-check the script also samples VmHWM (the kernel's own high-water mark of
# resident memory) in /proc/<pid>/status of this plan's provider JVMs every 20 ms.
#
# Usage: bench/lookup-bench.sh [instances] [lookups]   (defaults 1000 and 100; run `mvn package` first)
set -euo pipefail

INSTANCES=${1:-1000}
LOOKUPS=${2:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROVIDER_DIR=${PROVIDER_DIR:-$ROOT/target/provider}
LAUNCHER=$PROVIDER_DIR/terraform-provider-hyperstack
[ -x "$LAUNCHER" ] || { echo "no launcher at $LAUNCHER; run: mvn -B -o package -DskipTests" >&2; exit 2; }
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed for the memory figure" >&2; exit 2; }

WORK=$(mktemp -d /tmp/lookup-bench.XXXXXX)
# Its memory figure is a provider process's peak RSS, so by default each walk runs in a JVM of its own
# (TF_HYPERSTACK_SERVICE=on in the environment times walks through a provider service instead).
export TF_HYPERSTACK_SERVICE="${TF_HYPERSTACK_SERVICE:-off}" TF_HYPERSTACK_SERVICE_DIR="$WORK/svc"
SIM_PID=""
SAMPLER_PID=""
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  "$LAUNCHER" service stop >/dev/null 2>&1 || true
  if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- the simulator, through the same launcher; its first stdout line is the API base URL
mkfifo "$WORK/sim.out"
"$LAUNCHER" simulator --port 0 --instances "$INSTANCES" --quiet >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
exec 3<"$WORK/sim.out"
read -r -t 60 BASE_URL <&3 || { echo "simulator did not start:" >&2; cat "$WORK/sim.err" >&2; exit 1; }
ROOT_URL=${BASE_URL%/v1}
ADMIN=$ROOT_URL/_simulator
API_KEY=simulator-key

# --- pick the lookups: names of instances, and IPs (alternately fixed and floating) of others
python3 - "$BASE_URL" "$API_KEY" "$LOOKUPS" >"$WORK/main.tf" <<'PY'
import json, sys, urllib.request
base, key, lookups = sys.argv[1], sys.argv[2], int(sys.argv[3])
vms, page = [], 1
while True:
    req = urllib.request.Request(f"{base}/core/virtual-machines?page={page}&pageSize=100", headers={"api_key": key})
    batch = json.load(urllib.request.urlopen(req))["instances"]
    vms += batch
    if len(batch) < 100:
        break
    page += 1
names = [v for v in vms if v["name"].startswith("synthetic-")]
half = lookups // 2
step = max(1, len(names) // lookups)
picked = names[::step]
by_name, rest = picked[:half], picked[half:]
print('terraform {\n  required_providers {\n    hyperstack = { source = "tfhyperstack/hyperstack" }\n  }\n}\n')
for i, v in enumerate(by_name):
    print(f'data "hyperstack_instance" "n{i}" {{\n  name = "{v["name"]}"\n}}')
count = 0
for v in rest:
    ip = v.get("floating_ip") if count % 2 else v.get("fixed_ip")
    ip = ip or v.get("fixed_ip") or v.get("floating_ip")
    if not ip:
        continue
    print(f'data "hyperstack_instance" "i{count}" {{\n  ip = "{ip}"\n}}')
    count += 1
    if count == lookups - half:
        break
print(f'output "found" {{\n  value = length([{", ".join(f"data.hyperstack_instance.n{i}.id" for i in range(len(by_name)))}{"".join(f", data.hyperstack_instance.i{i}.id" for i in range(count))}])\n}}')
PY
N_DS=$(grep -c '^data "hyperstack_instance"' "$WORK/main.tf")
TOTAL=$(curl -s -H "api_key: $API_KEY" "$BASE_URL/core/virtual-machines?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
PAGE_SIZE=$(curl -s -H "api_key: $API_KEY" "$BASE_URL/core/virtual-machines?pageSize=100" | python3 -c 'import json,sys; print(json.load(sys.stdin)["page_size"])')

# --- the provider, wrapped so that its peak RSS is recorded when it exits
mkdir -p "$WORK/provider" "$WORK/rss"
cat >"$WORK/provider/terraform-provider-hyperstack" <<SH
#!/bin/sh
exec /usr/bin/time -f %M -o "$WORK/rss/\$\$.kb" "$LAUNCHER" "\$@"
SH
chmod +x "$WORK/provider/terraform-provider-hyperstack"
cat >"$WORK/cli.tfrc" <<HCL
provider_installation {
  dev_overrides {
    "registry.terraform.io/tfhyperstack/hyperstack" = "$WORK/provider"
  }
  direct {}
}
HCL

# --- cross-check: VmHWM of every provider JVM (not the simulator's), sampled every 20 ms
(
  while :; do
    for p in $(pgrep -f 'terraform-provider-hyperstack.jar' || true); do
      # Only this plan's providers: their parent is the wrapper's /usr/bin/time, whose command
      # line names this run's directory (other builds on the machine run provider JVMs too).
      ppid=$(awk '/^PPid/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
      if [ -z "$ppid" ] || ! tr '\0' ' ' <"/proc/$ppid/cmdline" 2>/dev/null | grep -qF "$WORK/rss"; then continue; fi
      hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
      [ -n "$hwm" ] && echo "$p $hwm" >>"$WORK/hwm.samples"
    done
    sleep 0.02
  done
) &
SAMPLER_PID=$!

curl -s -X POST "$ADMIN/stats/reset" >/dev/null
START=$(date +%s.%N)
( cd "$WORK" && TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
    HYPERSTACK_API_ADDRESS="$BASE_URL" HYPERSTACK_API_KEY="$API_KEY" \
    terraform plan -no-color -input=false -out=plan.bin >"$WORK/plan.out" 2>&1 ) || {
  echo "terraform plan failed:" >&2; tail -40 "$WORK/plan.out" >&2; exit 1; }
END=$(date +%s.%N)
sleep 0.3
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""

STATS=$(curl -s "$ADMIN/stats")
REQUESTS=$(echo "$STATS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
BUDGET=$(python3 -c "import math; print(math.ceil($TOTAL/$PAGE_SIZE)+5)")
PEAK_KB=$(cat "$WORK"/rss/*.kb 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -1 || true)
STARTS=$(find "$WORK/rss" -maxdepth 1 -name '*.kb' 2>/dev/null | wc -l)
HWM_KB=$(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' "$WORK/hwm.samples" 2>/dev/null || echo 0)

echo "instances in the simulator : $TOTAL (page size $PAGE_SIZE)"
echo "lookups in the plan        : $N_DS ($((LOOKUPS / 2)) by name, the rest by IP)"
echo "API requests               : $REQUESTS (budget ceil($TOTAL/$PAGE_SIZE)+5 = $BUDGET)"
echo "requests by route          : $(echo "$STATS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')"
printf 'wall time of terraform plan: %.2f s\n' "$(echo "$END - $START" | bc)"
echo "provider processes started : $STARTS"
echo "provider peak RSS          : $((PEAK_KB / 1024)) MB (ru_maxrss via /usr/bin/time; sampled VmHWM: $((HWM_KB / 1024)) MB)"
grep -q "found" "$WORK/plan.out" || true
STATUS=0
[ "$REQUESTS" -le "$BUDGET" ] || { echo "FAIL: more requests than the budget"; STATUS=1; }
[ "$PEAK_KB" -le $((200 * 1024)) ] || { echo "FAIL: peak RSS over 200 MB"; STATUS=1; }
[ "$STATUS" = 0 ] && echo "OK: within both targets"
exit "$STATUS"
