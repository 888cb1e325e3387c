#!/usr/bin/env bash
# Mirror pull through a last-1-good module (daemon filter rules as src/DumpDist.Mirrors writes
# them) vs a plain rsyncd module over a tree that holds exactly the same files (hard links).
# Same daemon binary, same run, interleaved ABBA (plain, ours, ours, plain, ...) so a load change
# on the shared machine hits both sides alike; prints the medians, the median of the per-pair
# ratios, and their spread (min..max).
# Usage: bench/mirrors/pull.sh [WIKIS] [FILES_PER_RUN] [FILE_KIB] [ROUNDS]
# Defaults: 100 wikis x 4 files x 4 MiB per run (1.6 GiB per pull, page cache warm), 15 rounds.
# Prerequisites: rsync, bc, python3.
set -euo pipefail
wikis=${1:-100}; files=${2:-4}; kib=${3:-4096}; rounds=${4:-15}
work=$(mktemp -d "${TMPDIR:-/tmp}/dumpdist-bench-mirrors.XXXXXX")   # TMPDIR=/dev/shm keeps disk writes out of it
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
    for f in $(seq 1 "$files"); do
      if [ "$d" = 20261101 ]; then head -c $((kib * 1024)) /dev/urandom > "$pub/$w/$d/$w-$d-part$f.bz2"; else head -c 1024 /dev/urandom > "$pub/$w/$d/$w-$d-part$f.bz2"; fi
    done
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
pull plain > /dev/null; pull last-1-good > /dev/null   # warm the page cache and the daemon
ours=(); base=(); ratios=()
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then b=$(pull plain); o=$(pull last-1-good); else o=$(pull last-1-good); b=$(pull plain); fi
  base+=("$b"); ours+=("$o"); ratios+=("$(echo "scale=4; $o / $b" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mo=$(median "${ours[@]}"); mb=$(median "${base[@]}"); mr=$(median "${ratios[@]}")
lo=$(printf '%s\n' "${ratios[@]}" | sort -n | head -1); hi=$(printf '%s\n' "${ratios[@]}" | sort -n | tail -1)
n=$(find "$work/copy" -type f | wc -l)
echo "files pulled: $n ($wikis wikis x $files data files of $kib KiB + dumpstatus.json); rounds: $rounds (ABBA)"
echo "plain module median: ${mb}s; last-1-good module median: ${mo}s; ratio of medians: $(echo "scale=3; $mo / $mb" | bc)"
echo "median of per-round ratios: $mr (min $lo, max $hi)"
