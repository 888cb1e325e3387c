#!/usr/bin/env bash
# Retention benchmarks, each against its baseline measured in the same run (medians of REPEAT runs,
# alternating, wall seconds and max RSS from /usr/bin/time):
#   plan:      dumpdist cleanup --root T --keep 2 --dry-run (read every status, plan, size every removal)  vs  du -s T
#              dumpdist cleanup --root T --dry-run (production's 7/8/10: no wiki has more runs, no status is read)
#   capacity:  dumpdist capacity --root T --json (one du-like walk + model)                    vs  du -s T
#              (and the totals must agree: capacity's total.allocated == du -s -B1)
#   compare:   dumpdist compare A B (two identical trees)                                      vs  rsync -a -n -i A/ B/
#              (and, for reference, find A -printf, one walk of one tree)
# Sizes: BIG_ARGS (fixture args of the plan/capacity tree, default about 1,000,000 entries),
# COMPARE_ARGS (default about 220,000 entries). WORK is where the trees go (default /tmp/...).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
BIG_ARGS=${BIG_ARGS:-"--wikis 1500 --runs 5 --scale 65536"}
COMPARE_ARGS=${COMPARE_ARGS:-"--wikis 300 --runs 5 --scale 65536"}
REPEAT=${REPEAT:-3}
PHASES=${PHASES:-"plan compare"}
WORK=${WORK:-$(mktemp -d /tmp/dumpdist-bench-retention.XXXXXX)}
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

# As it ships (README "Install"): the Release publish, ReadyToRun-compiled.
dotnet publish src/DumpDist.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" -nologo -v quiet >/dev/null
DUMPDIST="$WORK/bin/dumpdist"

# measure NAME CMD...: appends "seconds maxrss_kib" to $WORK/NAME.times
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/$name.err" || { echo "$name failed:"; cat "$WORK/$name.err"; exit 1; }
  cat "$WORK/time.out" >> "$WORK/$name.times"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$WORK/$1.times" | median; }
entries() { find "$1" | wc -l; }

if [[ " $PHASES " == *" plan "* ]]; then
  T="$WORK/big"
  "$DUMPDIST" fixture --out "$T" $BIG_ARGS 2>/dev/null | sed 's/^/  /'
  n=$(entries "$T")
  cat "$T"/public/*/*/dumpstatus.json >/dev/null   # warm: every phase reads from the page cache
  for _ in $(seq "$REPEAT"); do
    measure du du -s -B1 "$T"
    measure plan "$DUMPDIST" cleanup --root "$T" --keep 2 --dry-run --state-dir "$WORK/state"
    measure plan-default "$DUMPDIST" cleanup --root "$T" --dry-run --state-dir "$WORK/state"
    measure capacity "$DUMPDIST" capacity --root "$T" --json
  done
  "$DUMPDIST" capacity --root "$T" --json > "$WORK/capacity.json"
  du_bytes=$(du -s -B1 "$T" | cut -f1)
  cap_bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"]["allocated"])' "$WORK/capacity.json")
  removals=$("$DUMPDIST" cleanup --root "$T" --keep 2 --dry-run --json --state-dir "$WORK/state" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["removed"], r["bytes_freed"])')
  echo "tree: $n entries ($BIG_ARGS); dry run plans removals (count, bytes): $removals"
  echo "du -s -B1 = $du_bytes, capacity total.allocated = $cap_bytes ($([ "$du_bytes" = "$cap_bytes" ] && echo agree || echo DIFFER))"
  printf "%-34s %8s %10s %8s\n" "" "seconds" "max RSS" "ratio"
  d=$(col du 1)
  printf "%-34s %8.2f %7.0f MB %8s\n" "du -s -B1 (baseline)" "$d" "$(echo "$(col du 2)/1024" | bc -l)" "1.00"
  for p in plan plan-default capacity; do
    s=$(col $p 1)
    label="dumpdist $p"
    case $p in plan) label="cleanup --keep 2 --dry-run";; plan-default) label="cleanup --dry-run (7/8/10)";; capacity) label="capacity --json";; esac
    printf "%-34s %8.2f %7.0f MB %8.2f\n" "$label" "$s" "$(echo "$(col $p 2)/1024" | bc -l)" "$(echo "$s/$d" | bc -l)"
  done
  rm -rf "$T"
fi

if [[ " $PHASES " == *" compare "* ]]; then
  A="$WORK/a"; B="$WORK/b"
  "$DUMPDIST" fixture --out "$A" $COMPARE_ARGS 2>/dev/null | sed 's/^/  /'
  cp -a "$A" "$B"
  n=$(entries "$A")
  find "$A" "$B" -printf '' # warm
  for _ in $(seq "$REPEAT"); do
    measure rsync rsync -a -n -i "$A/" "$B/"
    measure compare "$DUMPDIST" compare "$A" "$B"
    measure find find "$A" -printf '%s %T@ %p\n'
  done
  echo "trees: 2 x $n entries ($COMPARE_ARGS), identical copies (cp -a)"
  printf "%-34s %8s %10s %8s\n" "" "seconds" "max RSS" "ratio"
  r=$(col rsync 1)
  printf "%-34s %8.2f %7.0f MB %8s\n" "rsync -a -n -i A/ B/ (baseline)" "$r" "$(echo "$(col rsync 2)/1024" | bc -l)" "1.00"
  for p in compare find; do
    s=$(col $p 1)
    label="dumpdist compare A B"; [ $p = find ] && label="find A -printf (one tree, reference)"
    printf "%-34s %8.2f %7.0f MB %8.2f\n" "$label" "$s" "$(echo "$(col $p 2)/1024" | bc -l)" "$(echo "$s/$r" | bc -l)"
  done
fi
