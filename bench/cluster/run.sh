#!/usr/bin/env bash
# Cluster benchmark on the functional tests' lab (bench/cluster/Program.cs): network namespaces on
# a bridge, the generation host's rsync daemon, two `dumpdist node`s with ganesha, HAProxy from
# `dumpdist lb haproxy`, a client. Measures, each with a baseline from the same run:
#   (a) failover command -> first request served by the new host through HAProxy
#       (baselines: the same change by one curl call to the admin API; the CLI's start-up alone)
#   (b) a run finished at the source -> downloadable through HAProxy with its status on both nodes,
#       with the admin trigger (baselines: rsync -a of the run alone; the no-change walk of the tree)
#   (c) node VmRSS at idle over a large tree and start-up to /healthz/web
#       (baselines: the one-off `dumpdist web` and nginx on the same tree)
# Needs root (namespaces). Usage: bench/cluster/run.sh [ROUNDS] [LARGE_WIKIS] [LARGE_RUNS] [LARGE_SCALE]
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== building dumpdist and the bench (Release)" >&2
dotnet build src/DumpDist.Cli -c Release -nologo -v quiet >/dev/null
dotnet build bench/cluster -c Release -nologo -v quiet >/dev/null
exec dotnet bench/cluster/bin/Release/net10.0/DumpDist.ClusterBench.dll \
  src/DumpDist.Cli/bin/Release/net10.0/dumpdist.dll "${1:-5}" "${2:-300}" "${3:-3}" "${4:-65536}"
