#!/usr/bin/env bash
# Sync and verify benchmarks, each against its baseline measured in the same run:
#   initial:  dumpdist sync --once (two stages) vs rsync -a, from a real rsync daemon on 127.0.0.1
#   no-op:    re-sync of an unchanged tree, same comparison
#   verify:   dumpdist verify (sha1 + sha-256, one read, parallel) vs sha1sum over the same files,
#             spread over many files and in one big file, with the hashing floor (openssl speed)
#             and the read() floor (the same reads and digests in C, no runtime: read_hash.c)
# Sizes are adjustable: INIT_FILES INIT_BYTES NOOP_FILES VERIFY_FILES VERIFY_MB VERIFY_ONE_PARTS REPEAT.
# BIN=DIR: measure that publish of dumpdist rather than publishing this tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
INIT_FILES=${INIT_FILES:-20000}
INIT_BYTES=${INIT_BYTES:-2147483648}
NOOP_FILES=${NOOP_FILES:-200000}
VERIFY_FILES=${VERIFY_FILES:-8}
VERIFY_MB=${VERIFY_MB:-256}
REPEAT=${REPEAT:-3}
PHASES=${PHASES:-"initial noop verify"}
DAEMON=""
WORK=${WORK:-$(mktemp -d /tmp/dumpdist-bench-sync.XXXXXX)}
trap '{ [ -n "$DAEMON" ] && kill $DAEMON 2>/dev/null; } || true; rm -rf "$WORK"' EXIT

# As it ships (README "Install"): the Release publish, ReadyToRun-compiled. BIN=DIR measures a
# publish made beforehand instead (two builds compared in the same minutes, each from its own tree).
if [ -n "${BIN:-}" ]; then
  DUMPDIST=("$(realpath "$BIN")/dumpdist")
else
  dotnet publish src/DumpDist.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" -nologo -v quiet >/dev/null
  DUMPDIST=("$WORK/bin/dumpdist")
fi
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

start_daemon() { # $1 = path
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat > "$WORK/rsyncd.conf" <<CONF
use chroot = no
uid = root
gid = root
[dumps]
  path = $1
  read only = yes
  dont compress = *
CONF
  rsync --daemon --no-detach --config="$WORK/rsyncd.conf" --port="$PORT" --address=127.0.0.1 &
  DAEMON=$!
  for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.05; done
  URL="rsync://127.0.0.1:$PORT/dumps/"
}

echo "## machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), rsync $(rsync --version | head -1 | awk '{print $3}')"

# --- initial sync ---
if [[ " $PHASES " == *" initial "* ]]; then
python3 bench/sync/gen_tree.py "$WORK/init" "$INIT_FILES" "$INIT_BYTES"
start_daemon "$WORK/init"
# Each copy is timed to a completed `sync` and starts with no dirty pages, so none pays for the
# write-back of the one before it; the order rotates so none always runs first after the deletes.
timed_copy() { # $1 = result file, rest = command
  local out=$1; shift
  sync; local t; t=$(now); "$@" >/dev/null 2>&1; sync; echo "$(elapsed $t)" >> "$out"
}
copy_rsync() { timed_copy "$WORK/init.rsync" rsync -a "$URL" "$WORK/a/"; }
copy_plain() { timed_copy "$WORK/init.dumpdist" "${DUMPDIST[@]}" sync --source "$URL" --dest "$WORK/b" --once --no-verify --state-dir "$WORK/state-b"; }
copy_verified() { timed_copy "$WORK/init.verified" "${DUMPDIST[@]}" sync --source "$URL" --dest "$WORK/c" --once --state-dir "$WORK/state-c"; }
for i in $(seq "$REPEAT"); do
  rm -rf "$WORK/a" "$WORK/b" "$WORK/c" "$WORK/state"*
  case $((i % 3)) in
    1) copy_rsync; copy_plain; copy_verified ;;
    2) copy_plain; copy_verified; copy_rsync ;;
    0) copy_verified; copy_rsync; copy_plain ;;
  esac
done
diff -r --exclude=trace "$WORK/a" "$WORK/b" >/dev/null && echo "initial: trees identical"
samples() { tr '\n' ' ' < "$1" | xargs printf '%.2f '; }
echo "initial samples (s): rsync -a $(samples "$WORK/init.rsync")| dumpdist $(samples "$WORK/init.dumpdist")| with verify $(samples "$WORK/init.verified")"
r=$(median < "$WORK/init.rsync"); d=$(median < "$WORK/init.dumpdist"); v=$(median < "$WORK/init.verified")
printf 'initial %s files / %s bytes: rsync -a %.2fs, dumpdist sync --no-verify %.2fs (ratio %.3f), dumpdist sync with verify %.2fs (ratio %.3f)\n' \
  "$INIT_FILES" "$INIT_BYTES" "$r" "$d" "$(echo "$d/$r" | bc -l)" "$v" "$(echo "$v/$r" | bc -l)"
kill $DAEMON; wait $DAEMON 2>/dev/null || true
rm -rf "$WORK/init" "$WORK/a" "$WORK/b" "$WORK/c"
fi

# --- no-op re-sync ---
if [[ " $PHASES " == *" noop "* ]]; then
python3 bench/sync/gen_tree.py "$WORK/noop" "$NOOP_FILES" $((NOOP_FILES * 512))
start_daemon "$WORK/noop"
rsync -a "$URL" "$WORK/a/"
"${DUMPDIST[@]}" sync --source "$URL" --dest "$WORK/b" --once --state-dir "$WORK/state-b" >/dev/null 2>&1
for i in $(seq "$REPEAT"); do
  t=$(now); rsync -a "$URL" "$WORK/a/"; echo "$(elapsed $t)" >> "$WORK/noop.rsync"
  t=$(now); "${DUMPDIST[@]}" sync --source "$URL" --dest "$WORK/b" --once --state-dir "$WORK/state-b" >/dev/null 2>&1; echo "$(elapsed $t)" >> "$WORK/noop.dumpdist"
done
r=$(median < "$WORK/noop.rsync"); d=$(median < "$WORK/noop.dumpdist")
printf 'no-op %s files: rsync -a %.2fs, dumpdist sync %.2fs (ratio %.3f)\n' "$NOOP_FILES" "$r" "$d" "$(echo "$d/$r" | bc -l)"
kill $DAEMON; wait $DAEMON 2>/dev/null || true
rm -rf "$WORK/noop" "$WORK/a" "$WORK/b"
fi

# --- verify ---
# Two shapes, each against sha1sum -c over the same bytes and the hashing floor from the same run:
#   spread: VERIFY_FILES x VERIFY_MB MiB (every core has files of its own)
#   one:    one file of VERIFY_ONE_PARTS x VERIFY_MB MiB (a dump's one big history file)
# Put WORK on tmpfs (WORK=/dev/shm/...) to compare hashing rather than the disk.
if [[ " $PHASES " == *" verify "* ]]; then
VERIFY_ONE_PARTS=${VERIFY_ONE_PARTS:-4}
run="$WORK/verify/public/bench/20261101"
one="$WORK/verify-one/public/bench/20261101"
mkdir -p "$run" "$one"
for i in $(seq 0 $((VERIFY_FILES - 1))); do head -c $((VERIFY_MB * 1048576)) /dev/urandom > "$run/bench-20261101-part$i.xml.bz2"; done
(cd "$run" && sha1sum ./*.bz2 | sed 's|  \./|  |' > bench-20261101-sha1sums.txt)
for i in $(seq 0 $((VERIFY_ONE_PARTS - 1))); do cat "$run/bench-20261101-part$i.xml.bz2"; done > "$one/bench-20261101-history.xml.bz2"
(cd "$one" && sha1sum bench-20261101-history.xml.bz2 > bench-20261101-sha1sums.txt)
cat "$run"/*.bz2 "$one"/*.bz2 > /dev/null  # both sides read from the page cache
cc -O2 -pthread -o "$WORK/read_hash" bench/sync/read_hash.c -lcrypto 2>/dev/null || echo "## verify: no read() floor (read_hash.c needs cc and libssl-dev)"
echo "## verify: load before $(cut -d' ' -f1-3 /proc/loadavg)"
# The hashing floor: OpenSSL's own sha1 and sha256 on every core at once, no I/O, no process;
# measured before, between and after the timed runs, the median kept (other work on the machine moves it).
rate() { openssl speed -multi "$(nproc)" -evp "$1" -bytes 1048576 -seconds 2 2>/dev/null | awk '$1 == "'"$1"'" && $NF ~ /k$/ {sub(/k$/, "", $NF); printf "%.0f\n", $NF * 1000}'; }
floors() { rate sha1 >> "$WORK/rate.sha1"; rate sha256 >> "$WORK/rate.sha256"; }
floors
for i in $(seq "$REPEAT"); do
  for shape in verify verify-one; do
    dir="$WORK/$shape/public/bench/20261101"
    t=$(now); (cd "$dir" && sha1sum -c --quiet bench-20261101-sha1sums.txt); echo "$(elapsed $t)" >> "$WORK/$shape.sha1sum"
    rm -rf "$WORK/state-v"
    t=$(now); "${DUMPDIST[@]}" verify "$WORK/$shape" --state-dir "$WORK/state-v" >/dev/null 2>&1; echo "$(elapsed $t)" >> "$WORK/$shape.dumpdist"
  done
  # The read() floor: the same reads and digests in C with nothing else (no runtime start-up, no
  # state, no plan), one thread per core; over the spread shape, where every core has files of its own.
  if [ -x "$WORK/read_hash" ]; then
    t=$(now); "$WORK/read_hash" "$(nproc)" "$run"/*.bz2; echo "$(elapsed $t)" >> "$WORK/verify.readfloor"
  fi
  [ "$i" -eq $(((REPEAT + 1) / 2)) ] && floors
done
floors
echo "## verify: load after $(cut -d' ' -f1-3 /proc/loadavg)"
sha1_rate=$(median < "$WORK/rate.sha1"); sha256_rate=$(median < "$WORK/rate.sha256")
printf 'hashing floor (openssl speed -multi %s -bytes 1048576, median of 3): sha1 %.2f GB/s, sha256 %.2f GB/s\n' "$(nproc)" "$(echo "$sha1_rate / 1000000000" | bc -l)" "$(echo "$sha256_rate / 1000000000" | bc -l)"
samples() { tr '\n' ' ' < "$1" | xargs printf '%.2f '; }
for shape in verify verify-one; do
  dir="$WORK/$shape/public/bench/20261101"
  total=$(cat "$dir"/*.bz2 | wc -c)
  s=$(median < "$WORK/$shape.sha1sum"); d=$(median < "$WORK/$shape.dumpdist")
  # sha1 + sha256 of every byte at the floor's speed; on one file no better than on all cores
  # only if the two digests run side by side, which dumpdist does.
  floor=$(echo "$total / $sha1_rate + $total / $sha256_rate" | bc -l)
  name=$([ "$shape" = verify ] && echo "$VERIFY_FILES x $VERIFY_MB MiB" || echo "1 x $((VERIFY_ONE_PARTS * VERIFY_MB)) MiB")
  echo "verify $name samples (s): sha1sum -c $(samples "$WORK/$shape.sha1sum")| dumpdist $(samples "$WORK/$shape.dumpdist")"
  if [ "$shape" = verify ] && [ -s "$WORK/verify.readfloor" ]; then
    rf=$(median < "$WORK/verify.readfloor")
    printf 'verify %s read() floor (bench/sync/read_hash.c: the same reads and digests, no runtime, one thread per core): samples %s| median %.2fs, %.0f%% of the hashing floor'"'"'s speed, at most %.2fx sha1sum -c\n' \
      "$name" "$(samples "$WORK/verify.readfloor")" "$rf" "$(echo "100 * $floor / $rf" | bc -l)" "$(echo "$s / $rf" | bc -l)"
  fi
  printf 'verify %s: sha1sum -c %.2fs, dumpdist verify (sha1+sha256) %.2fs: speed ratio %.2fx; floor %.2fs, so the ceiling is %.2fx; dumpdist reaches %.0f%% of the floor'"'"'s speed\n' \
    "$name" "$s" "$d" "$(echo "$s/$d" | bc -l)" "$floor" "$(echo "$s / $floor" | bc -l)" "$(echo "100 * $floor / $d" | bc -l)"
done
"${DUMPDIST[@]}" verify "$WORK/verify" --state-dir "$WORK/state-v" >/dev/null 2>&1  # the cache now holds this tree
t=$(now); "${DUMPDIST[@]}" verify "$WORK/verify" --state-dir "$WORK/state-v" >/dev/null 2>&1
printf 'verify again (cache hits, no reads): %.2fs\n' "$(elapsed $t)"
fi
