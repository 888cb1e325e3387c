#!/usr/bin/env bash
# The main job, end to end on this machine: installs the Debian packages the demo needs when
# they are missing (as root; otherwise it says what is missing and goes on), builds dumpdist,
# and runs `dumpdist demo`: a generation source and two serving hosts on loopback, with the URLs
# and commands to try. Ctrl-C stops everything and removes the demo's state.
# Arguments go to `dumpdist demo` (--dir DIR, --keep, --wikis N, --port N, --address A).
set -euo pipefail
cd "$(dirname "$0")/.."

# rsync: the generation source and every sync; nfs-ganesha(-vfs): NFS; curl: to try the URLs.
packages=(rsync nfs-ganesha nfs-ganesha-vfs curl)
source scripts/ensure-packages.sh
ensure_packages demo.sh "the demo runs without what is missing" "${packages[@]}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "demo.sh: building dumpdist" >&2
if ! build=$(dotnet build src/DumpDist.Cli -c Release -nologo -v quiet 2>&1); then
  echo "$build" | tail -30 >&2
  echo "demo.sh: build failed" >&2
  exit 1
fi
# exec: Ctrl-C and SIGTERM reach the demo itself, which stops what it started.
exec dotnet src/DumpDist.Cli/bin/Release/net10.0/dumpdist.dll demo "$@"
