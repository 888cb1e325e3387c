#!/usr/bin/env bash
# Probe latency of `dumpdist nfs probe` against a real nfs-ganesha on 127.0.0.1, with baselines
# measured in the same run:
#   rpcinfo -T tcp -a ADDR 100003 4   (the C ONC RPC NULL call; needs only the NFS port too)
#   nfs-ls nfs://...?version=4        (libnfs: a full NFSv4 mount + readdir)
#   showmount -e                      (what production used; needs rpcbind + mountd, fails here)
# Usage: bench/nfs-probe.sh [N]   (N process-per-check rounds, default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
dll=src/DumpDist.Cli/bin/Release/net10.0/dumpdist.dll
[ -f "$dll" ] || dotnet build src/DumpDist.Cli -c Release -nologo -v quiet >/dev/null
dumpdist() { dotnet "$dll" "$@"; }

work=$(mktemp -d)
ganesha_pid=
cleanup() { [ -n "$ganesha_pid" ] && kill "$ganesha_pid" 2>/dev/null && wait "$ganesha_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/srv/public/enwiki" "$work/recovery"
echo hello > "$work/srv/public/enwiki/index.html"
cat > "$work/cluster.yaml" <<YAML
source: {url: /nonexistent}
datasets: [{name: xmldatadumps, path: public}]
hosts:
  - {name: dumps1, public_address: 127.0.0.1, admin_address: "127.0.0.1:1", root: $work/srv}
services:
  web: {active: dumps1, listen: "http://127.0.0.1:2"}
  rsync: {active: dumps1, port: 3}
  nfs-vps: {active: dumps1, port: $port, clients: [127.0.0.1]}
  nfs-analytics: {active: dumps1, port: $port, clients: []}
YAML
dumpdist nfs exports --config "$work/cluster.yaml" --host dumps1 --format ganesha \
  --bind 127.0.0.1 --recovery-root "$work/recovery" --out "$work/ganesha.conf"
ganesha.nfsd -F -L "$work/ganesha.log" -f "$work/ganesha.conf" -p "$work/ganesha.pid" &
ganesha_pid=$!
for _ in $(seq 1 100); do dumpdist nfs probe "127.0.0.1:$port" --timeout 1 >/dev/null && break; sleep 0.1; done

uaddr="127.0.0.1.$((port / 256)).$((port % 256))"
per_call_ms() { # command... ; prints milliseconds per call over $n calls
  local start end
  start=$(date +%s%N)
  for _ in $(seq 1 "$n"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  awk -v t=$((end - start)) -v n="$n" 'BEGIN { printf "%.3f", t / n / 1e6 }'
}

echo "== process per check, $n calls each (what a boot script pays) =="
rpc=$(per_call_ms rpcinfo -T tcp -a "$uaddr" 100003 4)
nfsls=$(per_call_ms nfs-ls "nfs://127.0.0.1/?version=4&nfsport=$port")
ours=$(per_call_ms dumpdist nfs probe "127.0.0.1:$port")
echo "rpcinfo NULL call:      $rpc ms/call"
echo "nfs-ls (mount+readdir): $nfsls ms/call"
echo "dumpdist nfs probe:     $ours ms/call (includes .NET start-up)"
awk -v a="$ours" -v b="$rpc" 'BEGIN { printf "ratio dumpdist/rpcinfo: %.1fx\n", a / b }'

echo "== warm, in one process (what the client agent pays per round) =="
warm=$(dumpdist nfs probe "127.0.0.1:$port" --count 2000)
echo "dumpdist nfs probe --count 2000: $warm"
median=$(echo "$warm" | sed -E 's/.* median ([0-9.]+) .*/\1/')
awk -v a="$median" -v b="$rpc" 'BEGIN { printf "ratio warm median / rpcinfo per call (incl. its exec): %.2fx\n", a / b }'

echo "== showmount (production's boot check) =="
showmount -e 127.0.0.1 2>&1 | head -1 || true
