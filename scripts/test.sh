#!/usr/bin/env bash
# Runs the whole dumpdist test suite on a Debian 12 machine with the .NET SDK.
# Installs the system packages the tests start for real (rsync, nginx, ganesha, ...),
# builds once, runs every test project and ends with the totals alone on a line:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."

packages=(rsync systemd nginx-light wrk aria2 curl wget nfs-ganesha nfs-ganesha-vfs libnfs-utils haproxy iproute2 procps psmisc coreutils util-linux etcd-server etcd-client iputils-arping prometheus chromium)
source scripts/ensure-packages.sh
ensure_packages test.sh "tests needing those programs will fail" "${packages[@]}"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build DumpDist.slnx -c Release -nologo -v quiet >"$out/build.log" 2>&1
build_status=$?
tail -30 "$out/build.log"
if [ "$build_status" -ne 0 ]; then
  echo "test.sh: build failed (exit $build_status)" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# A stuck test fails after 5 minutes (the test host is killed and the hanging test named)
# instead of holding CI until its own timeout.
dotnet test DumpDist.slnx -c Release --no-build -nologo --blame-hang-timeout 5m --blame-hang-dump-type none \
  --results-directory "$out/results" "$@" 2>&1 | tee "$out/test.log"
status=${PIPESTATUS[0]}

# Only the per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, ...") carry totals.
grep -E '^(Passed|Failed)! +- ' "$out/test.log" > "$out/summary.log" || true
sum() { grep -oE "$1: +[0-9]+" "$out/summary.log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)

# A run that cannot pass empty: every test assembly must run tests, and the total passed must
# not fall below the floor in tests/minimum-count. Only a whole run is held to this; a run
# narrowed with arguments (--filter ...) is not.
problems=0
if [ $# -eq 0 ]; then
  for project in tests/*/*.csproj; do
    grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
    assembly=$(basename "$project" .csproj).dll
    ran=$(grep -F -- "- $assembly " "$out/summary.log" | grep -oE 'Total: +[0-9]+' | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
    if [ "$ran" -eq 0 ]; then
      echo "test.sh: $assembly ran no test" >&2
      problems=$((problems + 1))
    fi
  done
  floor=$(grep -vE '^[[:space:]]*(#|$)' tests/minimum-count | head -1 | tr -d '[:space:]')
  if ! [[ "$floor" =~ ^[0-9]+$ ]]; then
    echo "test.sh: tests/minimum-count holds no number" >&2
    problems=$((problems + 1))
  elif [ "$passed" -lt "$floor" ]; then
    echo "test.sh: $passed tests passed, fewer than the floor of $floor in tests/minimum-count" >&2
    problems=$((problems + 1))
  fi
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$problems" -gt 0 ] && [ "$failed" -eq 0 ]; then failed=$problems; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$problems" -eq 0 ]
