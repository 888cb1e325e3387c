#!/usr/bin/env bash
# Sync and verify benchmarks, each against its baseline measured in the same run:
#   initial:  dumpdist sync --once (two stages) vs rsync -a, from a real rsync daemon on 127.0.0.1
#   no-op:    re-sync of an unchanged tree, same comparison
#   verify:   dumpdist verify (sha1 + sha-256, one read, parallel) vs sha1sum over the same files
# Sizes are adjustable: INIT_FILES INIT_BYTES NOOP_FILES VERIFY_FILES VERIFY_MB REPEAT.
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

# As it ships (README "Install"): the Release publish, ReadyToRun-compiled.
dotnet publish src/DumpDist.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" -nologo -v quiet >/dev/null
DUMPDIST=("$WORK/bin/dumpdist")
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
if [[ " $PHASES " == *" verify "* ]]; then
run="$WORK/verify/public/bench/20261101"
mkdir -p "$run"
for i in $(seq 0 $((VERIFY_FILES - 1))); do head -c $((VERIFY_MB * 1048576)) /dev/urandom > "$run/bench-20261101-part$i.xml.bz2"; done
(cd "$run" && sha1sum ./*.bz2 | sed 's|  \./|  |' > bench-20261101-sha1sums.txt)
cat "$run"/*.bz2 > /dev/null  # both sides read from the page cache
for i in $(seq "$REPEAT"); do
  t=$(now); (cd "$run" && sha1sum -c --quiet bench-20261101-sha1sums.txt); echo "$(elapsed $t)" >> "$WORK/verify.sha1sum"
  rm -rf "$WORK/state-v"
  t=$(now); "${DUMPDIST[@]}" verify "$WORK/verify" --state-dir "$WORK/state-v" >/dev/null 2>&1; echo "$(elapsed $t)" >> "$WORK/verify.dumpdist"
done
s=$(median < "$WORK/verify.sha1sum"); d=$(median < "$WORK/verify.dumpdist")
printf 'verify %s x %s MB: sha1sum -c %.2fs, dumpdist verify (sha1+sha256) %.2fs (speed ratio %.2fx)\n' "$VERIFY_FILES" "$VERIFY_MB" "$s" "$d" "$(echo "$s/$d" | bc -l)"
t=$(now); "${DUMPDIST[@]}" verify "$WORK/verify" --state-dir "$WORK/state-v" >/dev/null 2>&1; printf 'verify again (cache hits, no reads): %.2fs\n' "$(elapsed $t)"
# The hardware floor: OpenSSL's own sha1 and sha256 speed on every core at once, no I/O, no process.
rate() { openssl speed -multi "$(nproc)" -evp "$1" -bytes 262144 -seconds 2 2>/dev/null | awk '$1 == "'"$1"'" && $NF ~ /k$/ {sub(/k$/, "", $NF); printf "%.0f\n", $NF * 1000}'; }
sha1_rate=$(rate sha1); sha256_rate=$(rate sha256); total=$((VERIFY_FILES * VERIFY_MB * 1048576))
floor=$(echo "$total / $sha1_rate + $total / $sha256_rate" | bc -l)
printf 'hardware floor (openssl speed, all cores: sha1 %.2f GB/s, sha256 %.2f GB/s): %.2fs for sha1+sha256, so at most %.2fx sha1sum -c with no overhead at all; dumpdist reaches %.0f%% of it\n' \
  "$(echo "$sha1_rate / 1000000000" | bc -l)" "$(echo "$sha256_rate / 1000000000" | bc -l)" "$floor" "$(echo "$s / $floor" | bc -l)" "$(echo "100 * $floor / $d" | bc -l)"
fi
