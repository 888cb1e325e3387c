#!/usr/bin/env bash
# Fixture generation speed against the file system's own baseline, measured in the same run:
#   1. dumpdist fixture writes a tree (default: about 1,000,000 files);
#   2. cp -a copies that tree next to it (coreutils: same files, links and mtimes).
# Each phase is timed up to a completed sync (data on disk). Prints both times and the ratio
# fixture/cp (below 1.0: faster than copying the finished tree with coreutils).
# Usage: bash bench/fixture.sh [DIR] [fixture args...]   (DIR defaults to a new dir under /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dir=${1:-$(mktemp -d /tmp/dumpdist-bench-fixture.XXXXXX)}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--wikis 1500 --runs 5 --scale 65536)
dotnet build src/DumpDist.Cli -c Release -nologo -v quiet >/dev/null
rm -rf "$dir/tree" "$dir/copy"
mkdir -p "$dir"
sync
start=$(date +%s.%N)
dotnet src/DumpDist.Cli/bin/Release/net10.0/dumpdist.dll fixture --out "$dir/tree" "${args[@]}" 2>/dev/null | sed 's/^/  /'
sync
mid0=$(date +%s.%N)
sync
mid=$(date +%s.%N)
cp -a "$dir/tree" "$dir/copy"
sync
end=$(date +%s.%N)
entries=$(find "$dir/tree" -type f -o -type l | wc -l)
awk -v a="$start" -v b="$mid0" -v m="$mid" -v c="$end" -v n="$entries" 'BEGIN {
  f = b - a; c2 = c - m;
  printf "fixture  %.1f s  (%d files and links, %.0f /s, including process start)\n", f, n, n / f;
  printf "cp -a    %.1f s  (%.0f /s)\n", c2, n / c2;
  printf "ratio fixture/cp-a = %.2f\n", f / c2 }'
rm -rf "$dir/tree" "$dir/copy"
rmdir "$dir" 2>/dev/null || true
