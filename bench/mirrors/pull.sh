#!/usr/bin/env bash
# Mirror pull through a last-1-good module (daemon filter rules as src/DumpDist.Mirrors writes
# them) vs a plain rsyncd module over a tree that holds exactly the same files (hard links).
# Same daemon binary, same run, alternating; prints the median ratio (ours / plain).
# Usage: bench/mirrors/pull.sh [WIKIS] [FILES_PER_RUN] [FILE_KIB] [ROUNDS]
set -euo pipefail
wikis=${1:-300}; files=${2:-4}; kib=${3:-64}; rounds=${4:-5}
work=$(mktemp -d /tmp/dumpdist-bench-mirrors.XXXXXX)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; sleep 0.5; rm -rf "$work"' EXIT
pub=$work/root/public; plain=$work/plain
status() { printf '{"jobs": {"pages": {"status": "%s", "files": {}}}, "version": "0.8"}' "$1"; }
rules=$work/last-1-good.rules
printf -- '- .*\n- *.inprog\n- bad/\n- save/\n- not/\n- temp/\n- tmp/\n' > "$rules"
for i in $(seq -w 1 "$wikis"); do
  w=wiki$i
  for d in 20261001 20261101 20261120; do
    mkdir -p "$pub/$w/$d"
    case $d in 20261120) status in-progress ;; *) status done ;; esac > "$pub/$w/$d/dumpstatus.json"
    for f in $(seq 1 "$files"); do head -c $((kib * 1024)) /dev/urandom > "$pub/$w/$d/$w-$d-part$f.bz2"; done
  done
  mkdir -p "$plain/$w" && cp -al "$pub/$w/20261101" "$plain/$w/"
  printf '+ /%s/\n+ /%s/20261101/***\n' "$w" "$w" >> "$rules"
done
printf -- '- *\n' >> "$rules"
cat > "$work/rsyncd.conf" <<CONF
use chroot = no
log file = $work/rsyncd.log
lock file = $work/rsyncd.lock
uid = $(id -un)
gid = $(id -gn)
read only = yes
dont compress = *
reverse lookup = no
[last-1-good]
    path = $pub
    exclude from = $rules
[plain]
    path = $plain
CONF
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rsync --daemon --no-detach --config="$work/rsyncd.conf" --address=127.0.0.1 --port="$port" & echo $! > "$work/rsyncd.pid"
sleep 1
pull() { rm -rf "$work/copy"; mkdir "$work/copy"; local t0 t1; t0=$(date +%s.%N); rsync -rt "rsync://127.0.0.1:$port/$1/" "$work/copy/"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
ours=(); base=()
for r in $(seq 1 "$rounds"); do base+=("$(pull plain)"); ours+=("$(pull last-1-good)"); done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mo=$(median "${ours[@]}"); mb=$(median "${base[@]}")
n=$(find "$work/copy" -type f | wc -l)
echo "files pulled: $n ($wikis wikis x $((files + 1)) files, $kib KiB each); rounds: $rounds"
echo "plain module median: ${mb}s; last-1-good module median: ${mo}s; ratio: $(echo "scale=3; $mo / $mb" | bc)"
