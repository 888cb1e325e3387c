#!/usr/bin/env bash
# The main job, end to end on this machine. For now: build dumpdist, generate a realistic
# canonical dump tree and print its summary (later: `dumpdist demo` brings up a whole cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${DUMPDIST_DEMO_DIR:-$(mktemp -d /tmp/dumpdist-demo.XXXXXX)}
dotnet build src/DumpDist.Cli -c Release -nologo -v quiet >/dev/null
rm -rf "$out/tree"
dotnet src/DumpDist.Cli/bin/Release/net10.0/dumpdist.dll fixture --out "$out/tree" --wikis 20 --runs 3 "$@"
echo "tree: $out/tree"
