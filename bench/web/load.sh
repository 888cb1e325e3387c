#!/usr/bin/env bash
# Web benchmark under the load shapes of production, dumpdist web against nginx serving the same
# tree on 127.0.0.1, servers interleaved in every round, medians over the rounds:
#   fixed  - 4 clients each pulling a 1 GiB file at a fixed 150 MB/s (curl --limit-rate 150M):
#            server CPU-seconds per GB when completions arrive at a NIC's pace, not as fast as
#            loopback allows;
#   qos    - 200 connections each held to 2 MiB/s by the server (dumpdist --rate 2097152
#            --rate-after 0; nginx limit_rate 2m), wrk pulling for QOS_SECONDS: CPU-s per GB;
#   idle   - KiB of server RSS per idle keep-alive connection at IDLE_COUNTS connections (one
#            small request each, then held), and the RSS a minute after they closed against
#            the RSS before they opened.
# CPU is utime+stime of the server processes from /proc (nginx: master and workers), so other
# jobs on a shared machine change wall times but not the servers' own CPU-seconds.
# Usage: bench/web/load.sh [ROUNDS] [PHASES...]   (phases: fixed qos idle; default all)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
shift || true
phases=${*:-fixed qos idle}
qos_secs=${QOS_SECONDS:-10}
idle_counts=${IDLE_COUNTS:-5000 19000}
release_wait=${RELEASE_WAIT:-60}
dumpdist=${DUMPDIST:-src/DumpDist.Cli/bin/Release/net10.0/dumpdist}
source bench/web/common.sh
bench_work load
# Idle connections need a descriptor each in the server and the client.
ulimit -n "$(ulimit -Hn)"


if [ -z "${NO_BUILD:-}" ]; then
  echo "== building dumpdist (Release)" >&2
  dotnet build src/DumpDist.Cli -c Release -nologo -v quiet >/dev/null
fi

mkdir -p "$work/tree/public/enwiki/20240101"
head -c 4096 /dev/urandom > "$work/tree/public/enwiki/20240101/small.bin"
head -c $((1024*1024*1024)) /dev/urandom > "$work/tree/public/enwiki/20240101/big.bin"
cat "$work/tree/public/enwiki/20240101/big.bin" > /dev/null   # page cache warm for both

nginx_port=$(free_port)
nginx_qos_port=$(free_port)
mkdir -p "$work/nginx/tmp"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
worker_rlimit_nofile $(ulimit -Hn);
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log error;
events { worker_connections $(ulimit -Hn); }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  keepalive_timeout 600s;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/tree/public;
  }
  server {
    listen 127.0.0.1:$nginx_qos_port;
    root $work/tree/public;
    limit_rate 2m;
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)
nginx_master=$!

dd_port=$(free_port)
dd_qos_port=$(free_port)
# --rate 0: unlimited; the paced instance holds every download to 2 MiB/s from the first byte.
DUMPDIST_LOG_LEVEL=Warning "$dumpdist" web --root "$work/tree" --listen "http://127.0.0.1:$dd_port" \
  --conn-limit 0 --rate 0 > "$work/dumpdist.log" 2>&1 &
pids+=($!)
dd_pid=$!
DUMPDIST_LOG_LEVEL=Warning "$dumpdist" web --root "$work/tree" --listen "http://127.0.0.1:$dd_qos_port" \
  --conn-limit 0 --rate 2097152 --rate-after 0 > "$work/dumpdist-qos.log" 2>&1 &
pids+=($!)
dd_qos_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$dd_port/-/health" >/dev/null && curl -sf "http://127.0.0.1:$dd_qos_port/-/health" >/dev/null \
    && curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/enwiki/20240101/small.bin" && break
  sleep 0.2
done

# server_pids SERVER VARIANT (VARIANT: plain or qos)
server_pids() {
  if [ "$1" = nginx ]; then pgrep -P "$nginx_master" | tr '\n' ' '; echo "$nginx_master";
  elif [ "$2" = qos ]; then echo "$dd_qos_pid"; else echo "$dd_pid"; fi
}
cpu_ticks() { local t=0 p; for p in $(server_pids "$1" "$2"); do read -r -a f < "/proc/$p/stat"; t=$((t + f[13] + f[14])); done; echo $t; }
rss_kib() { local t=0 p; for p in $(server_pids "$1" plain); do t=$((t + $(awk '/VmRSS/ {print $2}' "/proc/$p/status"))); done; echo $t; }
url_of() {
  case "$1/$2" in
    nginx/plain) echo "http://127.0.0.1:$nginx_port" ;;
    nginx/qos) echo "http://127.0.0.1:$nginx_qos_port" ;;
    dumpdist/plain) echo "http://127.0.0.1:$dd_port" ;;
    dumpdist/qos) echo "http://127.0.0.1:$dd_qos_port" ;;
  esac
}
hz=$(getconf CLK_TCK)
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.4g\n", (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a/b }'; }
declare -A results   # "measure server" -> newline-separated per-round values

record() { results["$1 $2"]+="$3"$'\n'; }

# fixed SERVER: 4 curls, each 1 GiB at 150 MB/s; prints CPU-s per GB.
fixed() {
  local s=$1 before after bytes=0 b
  before=$(cpu_ticks "$s" plain)
  local out=()
  for i in 1 2 3 4; do
    curl -sS --limit-rate 150M -o /dev/null -w '%{http_code} %{size_download}\n' "$(url_of "$s" plain)/enwiki/20240101/big.bin" > "$work/fixed.$i" &
    out+=($!)
  done
  for p in "${out[@]}"; do wait "$p"; done
  after=$(cpu_ticks "$s" plain)
  for i in 1 2 3 4; do
    read -r code b < "$work/fixed.$i"
    if [ "$code" != 200 ] || [ "$b" != $((1024*1024*1024)) ]; then echo "bench: $s fixed-load download $i: status $code, $b bytes" >&2; exit 1; fi
    bytes=$((bytes + b))
  done
  awk -v a="$after" -v b="$before" -v hz="$hz" -v n="$bytes" 'BEGIN {printf "%.4f", (a-b)/hz/(n/1e9)}'
}

# qos SERVER: wrk with 200 connections on the paced listener; prints "CPU-s/GB MB/s".
qos() {
  local s=$1 before after out bytes secs
  before=$(cpu_ticks "$s" qos)
  local t0=$EPOCHREALTIME
  out=$(wrk -t2 -c200 -d"${qos_secs}s" --timeout 30s "$(url_of "$s" qos)/enwiki/20240101/big.bin")
  after=$(cpu_ticks "$s" qos)
  secs=$(awk -v a="$EPOCHREALTIME" -v b="$t0" 'BEGIN {print a-b}')
  bytes=$(awk '/ read$/ || /read/ && /requests in/ { v=$5; u=v; gsub(/[0-9.]/,"",u); gsub(/[A-Za-z]/,"",v);
     m=1; if (u=="KB") m=1024; else if (u=="MB") m=1048576; else if (u=="GB") m=1073741824; printf "%.0f", v*m }' <<<"$out")
  if [ -z "$bytes" ] || [ "$bytes" = 0 ]; then echo "bench: $s qos run read nothing:" >&2; echo "$out" >&2; exit 1; fi
  awk -v a="$after" -v b="$before" -v hz="$hz" -v n="$bytes" -v t="$secs" 'BEGIN {printf "%.4f %.0f\n", (a-b)/hz/(n/1e9), n/t/1e6}'
}

# idle SERVER COUNT: prints "KiB-per-connection RSS-before RSS-held"; leaves the count closed.
idle() {
  local s=$1 n=$2 before after half=$(( $2 / 2 ))
  before=$(rss_kib "$s")
  # Two client processes, so neither needs more descriptors than the limit allows.
  coproc H1 { python3 bench/web/hold_connections.py "$(url_of "$s" plain | sed 's/.*://')" "$half" /enwiki/20240101/small.bin; }
  local h1_in=${H1[1]} h1_out=${H1[0]} h1_pid=$H1_PID
  coproc H2 { python3 bench/web/hold_connections.py "$(url_of "$s" plain | sed 's/.*://')" "$((n - half))" /enwiki/20240101/small.bin; }
  local h2_in=${H2[1]} h2_out=${H2[0]} h2_pid=$H2_PID
  read -r _ a <&"$h1_out"; read -r _ b <&"$h2_out"
  if [ "$((a + b))" != "$n" ]; then echo "bench: only $((a + b)) of $n connections to $s held" >&2; exit 1; fi
  sleep 2
  after=$(rss_kib "$s")
  eval "exec ${h1_in}>&- ${h2_in}>&-"
  wait "$h1_pid" "$h2_pid" 2>/dev/null || true
  awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN {printf "%.2f %d %d\n", (a-b)/n, b, a}'
}

echo "== warm-up (JIT tiers, page cache), not counted" >&2
for s in nginx dumpdist; do
  for v in plain qos; do curl -sS -o /dev/null --max-time 3 "$(url_of "$s" $v)/enwiki/20240101/big.bin" || true; done
  wrk -t1 -c8 -d2s "$(url_of "$s" plain)/enwiki/20240101/small.bin" >/dev/null
done

for r in $(seq "$rounds"); do
  for phase in $phases; do
    case $phase in
      fixed)
        for s in nginx dumpdist; do
          v=$(fixed "$s"); record fixed "$s" "$v"
          echo "  round $r $s fixed 4 x 150 MB/s: $v CPU-s/GB" >&2
        done ;;
      qos)
        for s in nginx dumpdist; do
          read -r v mbs < <(qos "$s"); record qos "$s" "$v"; record qosrate "$s" "$mbs"
          echo "  round $r $s qos 200 x 2 MiB/s: $v CPU-s/GB at $mbs MB/s" >&2
        done ;;
      idle)
        for n in $idle_counts; do
          for s in nginx dumpdist; do
            read -r v before held < <(idle "$s" "$n"); record "idle$n" "$s" "$v"
            echo "  round $r $s idle $n: $v KiB/conn (RSS $before -> $held KiB)" >&2
            if [ "$s" = dumpdist ]; then
              sleep "$release_wait"
              now=$(rss_kib "$s")
              rel=$(awk -v a="$now" -v b="$before" 'BEGIN {printf "%.2f", a/b}')
              record "release$n" "$s" "$rel"
              echo "  round $r $s ${release_wait}s after closing $n: RSS $now KiB = ${rel}x the RSS before" >&2
            fi
          done
        done ;;
    esac
  done
done

printf '\n%-46s %10s %10s %7s\n' "measure (median of $rounds rounds)" nginx dumpdist ratio
row() {
  local label=$1 key=$2 n d
  [ -n "${results["$key dumpdist"]:-}" ] || return 0
  n=$(printf '%s' "${results["$key nginx"]:-}" | median)
  d=$(printf '%s' "${results["$key dumpdist"]}" | median)
  printf '%-46s %10s %10s %7s\n' "$label" "${n:--}" "$d" "$( [ -n "$n" ] && ratio "$d" "$n" || echo -)"
}
row "fixed 4 x 150 MB/s, CPU-s per GB" fixed
row "qos 200 x 2 MiB/s, CPU-s per GB" qos
row "qos 200 x 2 MiB/s, MB/s delivered" qosrate
for n in $idle_counts; do
  row "KiB RSS per idle connection at $n" "idle$n"
  row "RSS ${release_wait}s after closing $n / before" "release$n"
done
echo "(machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
