#!/usr/bin/env bash
# Times the provider's JVM from exec of the launcher to its go-plugin handshake line, the way Terraform
# starts it with the provider service off (TF_HYPERSTACK_SERVICE=off; bench/service-walks.sh times walks
# through the service) (magic cookie, protocol 6, AutoMTLS with a P-521 client certificate), against the floor
# of a plain JVM printing one line. Prints medians, the ratio to the floor and peak RSS.
#
# usage: bench/startup.sh [runs]      (build first: mvn -q -B package -DskipTests)
#   PROVIDER_DIR   where the launcher and jar are (default: target/provider)
#   EXTRA_JAVA_OPTS  JVM options added to the provider's (through TF_HYPERSTACK_JAVA_OPTS)
#   FIRST_RPC=1    also time handshake -> first answer and Shutdown -> exit (bench/FirstRpc.java)
#   COMPARE_DIR    another build's provider directory, timed in turns with this one (before/after)
#
# The floor, the provider (and the compared build) take turns run by run, so that the machine's
# drift affects each alike. "faults" is the process's minor page faults (ru_minflt): on a VM, where a
# fault costs ~13 us, they are a large part of start-up.
#
# The handshake line is not the whole cost: Terraform then connects, completes TLS and asks for the
# schema. Judge changes by FIRST_RPC's "exec -> exit" too, not by the handshake alone.
set -euo pipefail

runs="${1:-15}"
root="$(cd "$(dirname "$0")/.." && pwd)"
provider_dir="${PROVIDER_DIR:-$root/target/provider}"
launcher="$provider_dir/terraform-provider-hyperstack"
[ -x "$launcher" ] || { echo "no launcher at $launcher; run: mvn -q -B package -DskipTests" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Terraform's client certificate: ECDSA P-521 signed with SHA-512, made fresh like Terraform does.
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:secp521r1 -sha512 -nodes \
        -keyout "$work/client.key" -out "$work/client.pem" -days 1 -subj "/O=HashiCorp/CN=localhost" \
        -addext "subjectAltName=DNS:localhost" 2>/dev/null
else
    keytool -genkeypair -keystore "$work/client.p12" -storepass changeit -alias client -keyalg EC \
        -groupname secp521r1 -sigalg SHA512withECDSA -dname "CN=localhost" -validity 1 >/dev/null
    keytool -exportcert -rfc -keystore "$work/client.p12" -storepass changeit -alias client > "$work/client.pem"
fi

# The floor: the same JVM, default options, printing one line.
java_bin="java"
[ -n "${JAVA_HOME:-}" ] && java_bin="$JAVA_HOME/bin/java"
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work" "$work/Hello.java"

compare_launcher=""
if [ -n "${COMPARE_DIR:-}" ]; then
    compare_launcher="$COMPARE_DIR/terraform-provider-hyperstack"
    [ -x "$compare_launcher" ] || { echo "no launcher at $compare_launcher" >&2; exit 1; }
fi

python3 - "$runs" "$launcher" "$work" "$java_bin" "$compare_launcher" <<'PY'
import os, signal, statistics, subprocess, sys, time

runs, launcher, work, java_bin = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
compare = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None

def timed(argv, env, kill_after_line):
    """Seconds from exec to the first stdout line; the child's peak RSS (MiB) and CPU seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    if kill_after_line:
        # Terraform would now connect; give the process a brief life like that, then end it.
        time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
    err = proc.stderr.read()
    proc.stdout.read()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    if not line:
        sys.exit("no output from %s: %s" % (argv[0], err.decode(errors="replace")[-2000:]))
    return (elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, line.decode().strip(),
            usage.ru_minflt)

base = dict(os.environ)
with open(os.path.join(work, "client.pem")) as f:
    client_pem = f.read()
plugin_env = dict(base,
    TF_PLUGIN_MAGIC_COOKIE="d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
    PLUGIN_PROTOCOL_VERSIONS="6", PLUGIN_MIN_PORT="10000", PLUGIN_MAX_PORT="25000",
    PLUGIN_CLIENT_CERT=client_pem,
    # a JVM's start is what this measures: no provider service (bench/service-walks.sh times that)
    TF_HYPERSTACK_SERVICE="off")
if os.environ.get("EXTRA_JAVA_OPTS"):
    plugin_env["TF_HYPERSTACK_JAVA_OPTS"] = os.environ["EXTRA_JAVA_OPTS"]

def report(name, results):
    times = [r[0] for r in results]
    print("%-9s median %5.0f ms  min %5.0f  max %5.0f  | CPU median %5.0f ms | faults %5.0f | peak RSS %3.0f MiB  (%d runs)" % (
        name, statistics.median(times) * 1000, min(times) * 1000, max(times) * 1000,
        statistics.median(r[2] for r in results) * 1000, statistics.median(r[4] for r in results),
        max(r[1] for r in results), len(results)))
    return statistics.median(times)

# The series take turns run by run: the machine's speed drifts within minutes, and a drift must
# affect the floor and the provider alike for their ratio to mean anything.
series = [("floor", [java_bin, "-cp", work, "Hello"], base, False),
          ("provider", [launcher], plugin_env, True)]
if compare:
    series.append(("compare", [compare], plugin_env, True))
for _, argv, env, kill in series:
    timed(argv, env, kill)  # warm the page cache; not counted
results = {name: [] for name, _, _, _ in series}
for _ in range(runs):
    for name, argv, env, kill in series:
        results[name].append(timed(argv, env, kill))
floor = report("floor", results["floor"])
plugin = report("provider", results["provider"])
if compare:
    other = report("compare", results["compare"])
line = results["provider"][-1][3]
fields = line.split("|")
print("handshake: %s|%s|%s|%s|%s|<%d chars of certificate>" % (fields[0], fields[1], fields[2], fields[3], fields[4], len(fields[5])))
print("ratio to floor: %.2fx   (target: median <= 300 ms and <= 2.5x)" % (plugin / floor))
if compare:
    print("compare (%s): ratio to floor %.2fx" % (compare, other / floor))
PY

if [ "${FIRST_RPC:-}" = "1" ]; then
    variants=("${EXTRA_JAVA_OPTS:--}")
    if [ -n "${COMPARE_DIR:-}" ]; then
        variants+=("|" "@$COMPARE_DIR/terraform-provider-hyperstack ${EXTRA_JAVA_OPTS:--}")
    fi
    "$java_bin" -cp "$provider_dir/terraform-provider-hyperstack.jar" "$root/bench/FirstRpc.java" "$runs" "$launcher" \
        "${variants[@]}"
fi
