#!/usr/bin/env bash
# Mirror benchmarks, each against its baseline measured in the same run (medians of REPEAT runs,
# interleaved, wall seconds and max RSS from /usr/bin/time, page cache warm):
#   include-lists: regenerate the module filter files and dirlists (keep_runs 1..5) over FIXTURE
#                  (about 1,000,000 files)                  vs  find FIXTURE/public -type f (one walk)
#   pieces:        torrent piece hashes of one BIG_MIB file  vs  mktorrent -t 1 and -t 2 (same piece
#                  length), sha1sum; and the verification read alone vs with the pieces fed from it
# Prerequisites: dotnet, mktorrent, python3, /usr/bin/time (Debian: mktorrent time).
# Env: FIXTURE (a `dumpdist fixture` tree; generated once and reused when missing: FIXTURE_ARGS,
# default --wikis 1500 --runs 5 --scale 65536), BIG_MIB (2048), REPEAT (5), PHASES ("include-lists pieces"),
# WORK (scratch, default /tmp/dumpdist-bench-mirrors-run).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
FIXTURE=${FIXTURE:-/tmp/dumpdist-bench-mirrors-fixture}
FIXTURE_ARGS=${FIXTURE_ARGS:-"--wikis 1500 --runs 5 --scale 65536"}
BIG_MIB=${BIG_MIB:-2048}
REPEAT=${REPEAT:-5}
PHASES=${PHASES:-"include-lists pieces"}
WORK=${WORK:-/tmp/dumpdist-bench-mirrors-run}
mkdir -p "$WORK"
rm -f "$WORK"/*.times

dotnet build bench/mirrors -c Release -o "$WORK/bin" -nologo -v quiet >/dev/null
BENCH=(dotnet "$WORK/bin/DumpDist.MirrorsBench.dll")

measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.out" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || { echo "$name failed:"; cat "$WORK/$name.err"; exit 1; }
  cat "$WORK/time.out" >> "$WORK/$name.times"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$WORK/$1.times" | median; }
row() { # row NAME LABEL BASELINE
  local s b; s=$(col "$1" 1); b=$(col "$3" 1)
  printf "%-48s %8.2f %7.0f MB %8.2f\n" "$2" "$s" "$(echo "$(col "$1" 2)/1024" | bc -l)" "$(echo "$s/$b" | bc -l)"
}

if [[ " $PHASES " == *" include-lists "* ]]; then
  if [ ! -d "$FIXTURE/public" ]; then
    dotnet run --project src/DumpDist.Cli -c Release -- fixture --out "$FIXTURE" $FIXTURE_ARGS 2>/dev/null | tail -2
  fi
  files=$(find "$FIXTURE/public" -type f | wc -l)
  cat "$FIXTURE"/public/*/*/dumpstatus.json >/dev/null
  "${BENCH[@]}" include-lists "$FIXTURE" "$WORK/state-warm" >/dev/null
  for r in $(seq "$REPEAT"); do
    # A fresh state directory each time: every filter file is written, as at a node's first start.
    rm -rf "$WORK/state"
    if [ $((r % 2)) -eq 1 ]; then measure find find "$FIXTURE/public" -type f; measure lists "${BENCH[@]}" include-lists "$FIXTURE" "$WORK/state"
    else measure lists "${BENCH[@]}" include-lists "$FIXTURE" "$WORK/state"; measure find find "$FIXTURE/public" -type f; fi
  done
  echo "include lists over $files files ($(cat "$WORK/lists.out")); medians of $REPEAT"
  printf "%-48s %8s %10s %8s\n" "" "seconds" "max RSS" "ratio"
  row find "find public -type f (baseline)" find
  row lists "include-lists (keep_runs 1..5, fresh state)" find
fi

if [[ " $PHASES " == *" pieces "* ]]; then
  big="$WORK/big-$BIG_MIB.bin"
  [ -f "$big" ] || head -c $((BIG_MIB * 1024 * 1024)) /dev/urandom > "$big"
  exp=21; len=$((1 << exp))   # PieceHashes.PieceLengthFor(2 GiB) = 2 MiB
  cat "$big" > /dev/null
  for r in $(seq "$REPEAT"); do
    measure sha1sum sha1sum "$big"
    measure ours "${BENCH[@]}" pieces "$big" "$len"
    measure mktorrent1 mktorrent -t 1 -l "$exp" -a http://127.0.0.1/ -o "$WORK/m1.torrent" "$big"; rm -f "$WORK/m1.torrent.keep"; mv "$WORK/m1.torrent" "$WORK/m1.torrent.keep"
    measure mktorrent2 mktorrent -t 2 -l "$exp" -a http://127.0.0.1/ -o "$WORK/m2.torrent" "$big"; rm -f "$WORK/m2.torrent"
    measure verify "${BENCH[@]}" verify "$big"
    measure verifypieces "${BENCH[@]}" verify "$big" "$len"
  done
  theirs=$(python3 - "$WORK/m1.torrent.keep" <<'PY'
import hashlib, sys
data = open(sys.argv[1], 'rb').read()
i = data.index(b'6:pieces') + len(b'6:pieces')
j = data.index(b':', i)
n = int(data[i:j])
print(hashlib.sha256(data[j + 1:j + 1 + n]).hexdigest())
PY
)
  ours=$(awk '{print $4}' "$WORK/ours.out"); fed=$(awk '{print $5}' "$WORK/verifypieces.out")
  echo "piece hashes of a $BIG_MIB MiB file, 2 MiB pieces; medians of $REPEAT; pieces equal to mktorrent's: $([ "$ours" = "$theirs" ] && [ "$fed" = "$theirs" ] && echo yes || echo NO)"
  printf "%-48s %8s %10s %8s\n" "" "seconds" "max RSS" "vs mktorrent -t 1"
  row sha1sum "sha1sum (one SHA-1 over the file)" mktorrent1
  row mktorrent1 "mktorrent -t 1 (baseline)" mktorrent1
  row mktorrent2 "mktorrent -t 2" mktorrent1
  row ours "dumpdist pieces, own read (1 thread)" mktorrent1
  row verify "verification read (SHA-1 + SHA-256)" mktorrent1
  row verifypieces "verification read + pieces fed from it" mktorrent1
  v=$(col verify 1); vp=$(col verifypieces 1); o=$(col ours 1)
  printf "pieces inside the verification read cost %.2f s more than the read alone; their own read costs %.2f s (%.2fx)\n" \
    "$(echo "$vp - $v" | bc -l)" "$o" "$(echo "$o / ($vp - $v)" | bc -l)"
fi
