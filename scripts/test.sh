#!/usr/bin/env bash
# Runs the whole dumpdist test suite on a Debian 12 machine with the .NET SDK.
# Installs the system packages the tests start for real (rsync, nginx, ganesha, ...),
# builds once, runs every test project and ends with the totals alone on a line:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."

packages=(rsync systemd nginx-light wrk aria2 curl wget nfs-ganesha nfs-ganesha-vfs libnfs-utils haproxy iproute2 procps psmisc coreutils util-linux etcd-server etcd-client iputils-arping)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing packages ${missing[*]}; run as root or install them" >&2
  else
    echo "test.sh: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || echo "test.sh: apt-get install failed; tests needing those programs will fail" >&2
  fi
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dotnet build DumpDist.slnx -c Release -nologo -v quiet 2>&1 | tee "$out/build.log" | tail -30; then :; fi
if ! grep -q "Build succeeded" "$out/build.log"; then
  echo "test.sh: build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test DumpDist.slnx -c Release --no-build -nologo "$@" 2>&1 | tee "$out/test.log"
status=${PIPESTATUS[0]}

# Only the per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, ...") carry totals.
grep -E '^(Passed|Failed)! +- ' "$out/test.log" > "$out/summary.log" || true
passed=$(grep -oE 'Passed: +[0-9]+' "$out/summary.log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$out/summary.log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$out/summary.log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ]
