#!/usr/bin/env bash
# Start-up of the linux_amd64 release with its bundled runtime against the same release on the system's
# JDK 17, in turns. Both are unpacked as Terraform unpacks them (the jar's time is the time of
# unpacking, which the launcher sets back for the bundled archive); the system JDK gets the per-user
# class-data archive a first run makes, so both start with an archive of the provider's classes.
#
# usage: bench/release-runtime.sh [runs]     (build first: mvn -q -B package -DskipTests)
#   RELEASE_ZIP   the zip (default: target/release/terraform-provider-hyperstack_<version>_linux_amd64.zip)
#   SYSTEM_JAVA   the system JDK's home (default: JAVA_HOME, else the java on PATH)
#
# Two measurements:
#   1. bench/startup.sh with FIRST_RPC=1: exec -> handshake line, -> first answer and -> exit, the two
#      copies taking turns run by run;
#   2. hyperfine: whole `terraform validate` commands through dev_overrides, one JVM per walk
#      (TF_HYPERSTACK_SERVICE=off), in alternating rounds.
set -euo pipefail

runs="${1:-15}"
root="$(cd "$(dirname "$0")/.." && pwd)"
zip="${RELEASE_ZIP:-$(ls "$root"/target/release/terraform-provider-hyperstack_*_linux_amd64.zip)}"
system_java="${SYSTEM_JAVA:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
command -v hyperfine >/dev/null || { echo "needs hyperfine" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TF_HYPERSTACK_CDS_DIR="$work/cache"

# bench/startup.sh wants the launcher and the jar under their build names; links to the release's.
unpack() {
    mkdir -p "$1"
    unzip -q "$zip" -d "$1"
    touch "$1"/lib/*.jar
    ln -s "$(basename "$1"/terraform-provider-hyperstack_v*)" "$1/terraform-provider-hyperstack"
    ln -s lib/terraform-provider-hyperstack.jar "$1/terraform-provider-hyperstack.jar"
}
unpack "$work/bundled"
unpack "$work/system"
rm -rf "$work/system/jre"
# The archive a first run on the system JDK makes in the background, made now.
JAVA_HOME="$system_java" "$work/system/terraform-provider-hyperstack" --make-cds-archive 2>/dev/null
du -h "$zip" | sed 's/^/zip: /'
du -sh "$work/bundled/jre" | sed 's/^/bundled runtime unpacked: /'

echo "== exec -> handshake, first answer, exit (provider = bundled runtime, compare = system JDK $system_java)"
JAVA_HOME="$system_java" PROVIDER_DIR="$work/bundled" COMPARE_DIR="$work/system" FIRST_RPC=1 \
    "$root/bench/startup.sh" "$runs"

echo "== terraform validate, one JVM per walk, alternating rounds"
ws="$work/ws"
mkdir -p "$ws"
cat > "$ws/main.tf" <<'TF'
terraform {
  required_providers {
    hyperstack = { source = "tfhyperstack/hyperstack" }
  }
}
provider "hyperstack" {
  api_key = "bench"
}
TF
for copy in bundled system; do
    cat > "$work/$copy.tfrc" <<TFRC
provider_installation {
  dev_overrides { "registry.terraform.io/tfhyperstack/hyperstack" = "$work/$copy" }
  direct {}
}
TFRC
done
cd "$ws"
export TF_HYPERSTACK_SERVICE=off CHECKPOINT_DISABLE=1 JAVA_HOME="$system_java"
for round in 1 2 3; do
    echo "-- round $round"
    hyperfine --style basic --warmup 1 --runs "$(( (runs + 2) / 3 ))" \
        -n bundled "TF_CLI_CONFIG_FILE=$work/bundled.tfrc terraform validate -no-color" \
        -n system-jdk "TF_CLI_CONFIG_FILE=$work/system.tfrc terraform validate -no-color" 2>&1 |
        grep -E "^(Benchmark|  Time|  Range)|faster"
done
