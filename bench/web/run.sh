#!/usr/bin/env bash
# Web benchmark: dumpdist web (Kestrel, Release build) against nginx (sendfile on, autoindex on)
# serving the same tree on 127.0.0.1 in the same run. Prints each measure and the ratio
# dumpdist/nginx. Usage: bench/web/run.sh [SECONDS_PER_RUN] [ROUNDS]
# QoS is enabled on both servers but not triggered (per-client caps far above the load).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-8}
rounds=${2:-2}
idle=${IDLE_CONNECTIONS:-5000}
source bench/web/common.sh
bench_work web


echo "== building dumpdist (Release)" >&2
dotnet build src/DumpDist.Cli -c Release -nologo -v quiet >/dev/null
dumpdist=src/DumpDist.Cli/bin/Release/net10.0/dumpdist

echo "== tree in $work" >&2
mkdir -p "$work/tree/public/enwiki/20240101" "$work/tree/public/other/pageviews"
head -c 4096 /dev/urandom > "$work/tree/public/enwiki/20240101/small.bin"
head -c $((1024*1024*1024)) /dev/urandom > "$work/tree/public/enwiki/20240101/big.bin"
for i in $(seq -w 1 5000); do : > "$work/tree/public/other/pageviews/pageviews-2024-$i.gz"; done
cat "$work/tree/public/enwiki/20240101/big.bin" > /dev/null   # page cache warm for both

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=bench.test -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
chmod 644 "$work/tls.key"

nginx_port=$(free_port)
nginx_tls_port=$(free_port)
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
worker_rlimit_nofile 20000;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 12000; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  limit_conn_zone \$binary_remote_addr\$http_user_agent zone=perclient:10m;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/tree/public;
    autoindex on;
    limit_conn perclient 60000;
    limit_rate_after 1m;
  }
  server {
    listen 127.0.0.1:$nginx_tls_port ssl;
    ssl_certificate $work/tls.crt;
    ssl_certificate_key $work/tls.key;
    root $work/tree/public;
    limit_conn perclient 60000;
    limit_rate_after 1m;
  }
}
NGINX
mkdir -p "$work/nginx/tmp"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)
nginx_master=$!

dd_port=$(free_port)
dd_tls_port=$(free_port)
# Default runtime settings (as operators run it); set DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
# in the environment to try inline socket completions.
DUMPDIST_LOG_LEVEL=Warning \
  "$dumpdist" web --root "$work/tree" --listen "http://127.0.0.1:$dd_port" \
  --https-listen "https://127.0.0.1:$dd_tls_port" --certificate "$work/tls.crt" --certificate-key "$work/tls.key" --conn-limit 60000 --rate 0 > "$work/dumpdist.log" 2>&1 &
pids+=($!)
dd_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$dd_port/-/health" >/dev/null && curl -sf "http://127.0.0.1:$nginx_port/" >/dev/null && break; sleep 0.2; done

server_pids() { if [ "$1" = nginx ]; then pgrep -P "$nginx_master" | tr '\n' ' '; echo "$nginx_master"; else echo "$dd_pid"; fi; }
cpu_ticks() { local t=0; for p in $(server_pids "$1"); do read -r -a f < "/proc/$p/stat"; t=$((t + f[13] + f[14])); done; echo $t; }
rss_kib() { local t=0; for p in $(server_pids "$1"); do t=$((t + $(awk '/VmRSS/ {print $2}' "/proc/$p/status"))); done; echo $t; }
port_of() { if [ "$1" = nginx ]; then echo "$nginx_port"; else echo "$dd_port"; fi; }
scheme=http
url_of() { if [ "$scheme" = https ]; then if [ "$1" = nginx ]; then echo "https://127.0.0.1:$nginx_tls_port"; else echo "https://127.0.0.1:$dd_tls_port"; fi; else echo "http://127.0.0.1:$(port_of "$1")"; fi; }
hz=$(getconf CLK_TCK)

# wrk_run SERVER PATH THREADS CONNS -> "req/s bytes cpu_seconds"
wrk_run() {
  local server=$1 path=$2 t=$3 c=$4 before after out
  before=$(cpu_ticks "$server")
  out=$(wrk -t"$t" -c"$c" -d"${secs}s" "$(url_of "$server")$path")
  after=$(cpu_ticks "$server")
  if grep -q "Non-2xx" <<<"$out"; then echo "bench: $server answered errors on $path:" >&2; echo "$out" >&2; exit 1; fi
  local rps bytes
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  bytes=$(awk '/requests in/ { v=$5; u=v; gsub(/[0-9.]/,"",u); gsub(/[A-Za-z]/,"",v);
     m=1; if (u=="KB") m=1024; else if (u=="MB") m=1048576; else if (u=="GB") m=1073741824; else if (u=="TB") m=1099511627776; printf "%.0f", v*m }' <<<"$out")
  echo "$rps $bytes $(awk -v a="$after" -v b="$before" -v hz="$hz" 'BEGIN {printf "%.2f", (a-b)/hz}')"
}

declare -A sum
measure() { # NAME PATH THREADS CONNS
  local name=$1 path=$2 t=$3 c=$4
  for s in nginx dumpdist; do   # warm-up (JIT tiers, caches), not counted
    wrk -t"$t" -c"$c" -d3s "$(url_of "$s")$path" >/dev/null
  done
  for r in $(seq "$rounds"); do
    for s in nginx dumpdist; do   # alternate, same order each round
      read -r rps bytes cpu < <(wrk_run "$s" "$path" "$t" "$c")
      echo "  round $r $s $name: ${rps} req/s, $(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.0f", b/s/1048576}') MiB/s, cpu ${cpu}s" >&2
      sum[$s,$name,rps]=$(awk -v a="${sum[$s,$name,rps]:-0}" -v b="$rps" 'BEGIN {print a+b}')
      sum[$s,$name,bytes]=$(awk -v a="${sum[$s,$name,bytes]:-0}" -v b="$bytes" 'BEGIN {print a+b}')
      sum[$s,$name,cpu]=$(awk -v a="${sum[$s,$name,cpu]:-0}" -v b="$cpu" 'BEGIN {print a+b}')
    done
  done
}

echo "== 4 KiB file" >&2;      measure small /enwiki/20240101/small.bin 2 64
echo "== 1 GiB file" >&2;      measure big /enwiki/20240101/big.bin 1 1
echo "== 5,000-entry listing" >&2; measure listing /other/pageviews/ 2 32
echo "== 1 GiB file over TLS" >&2; scheme=https; measure tlsbig /enwiki/20240101/big.bin 1 1; scheme=http

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a/b }'; }
printf '\n%-34s %14s %14s %8s\n' "measure (sum over $rounds rounds of ${secs}s)" nginx dumpdist ratio
for name in small listing; do
  printf '%-34s %14.0f %14.0f %8s\n' "$name req/s (mean)" "$(ratio "${sum[nginx,$name,rps]}" "$rounds")" "$(ratio "${sum[dumpdist,$name,rps]}" "$rounds")" \
    "$(ratio "${sum[dumpdist,$name,rps]}" "${sum[nginx,$name,rps]}")"
done
n_mib=$(awk -v b="${sum[nginx,big,bytes]}" -v s="$secs" -v r="$rounds" 'BEGIN {printf "%.0f", b/s/r/1048576}')
d_mib=$(awk -v b="${sum[dumpdist,big,bytes]}" -v s="$secs" -v r="$rounds" 'BEGIN {printf "%.0f", b/s/r/1048576}')
printf '%-34s %14s %14s %8s\n' "1 GiB throughput MiB/s" "$n_mib" "$d_mib" "$(ratio "$d_mib" "$n_mib")"
n_cpg=$(awk -v c="${sum[nginx,big,cpu]}" -v b="${sum[nginx,big,bytes]}" 'BEGIN {printf "%.3f", c/(b/1e9)}')
d_cpg=$(awk -v c="${sum[dumpdist,big,cpu]}" -v b="${sum[dumpdist,big,bytes]}" 'BEGIN {printf "%.3f", c/(b/1e9)}')
printf '%-34s %14s %14s %8s\n' "1 GiB server CPU-s per GB" "$n_cpg" "$d_cpg" "$(ratio "$d_cpg" "$n_cpg")"
n_mib=$(awk -v b="${sum[nginx,tlsbig,bytes]}" -v s="$secs" -v r="$rounds" 'BEGIN {printf "%.0f", b/s/r/1048576}')
d_mib=$(awk -v b="${sum[dumpdist,tlsbig,bytes]}" -v s="$secs" -v r="$rounds" 'BEGIN {printf "%.0f", b/s/r/1048576}')
printf '%-34s %14s %14s %8s\n' "1 GiB over TLS MiB/s" "$n_mib" "$d_mib" "$(ratio "$d_mib" "$n_mib")"
n_cpg=$(awk -v c="${sum[nginx,tlsbig,cpu]}" -v b="${sum[nginx,tlsbig,bytes]}" 'BEGIN {printf "%.3f", c/(b/1e9)}')
d_cpg=$(awk -v c="${sum[dumpdist,tlsbig,cpu]}" -v b="${sum[dumpdist,tlsbig,bytes]}" 'BEGIN {printf "%.3f", c/(b/1e9)}')
printf '%-34s %14s %14s %8s\n' "1 GiB over TLS CPU-s per GB" "$n_cpg" "$d_cpg" "$(ratio "$d_cpg" "$n_cpg")"

echo "== idle keep-alive memory, $idle connections" >&2
for s in nginx dumpdist; do
  before=$(rss_kib "$s")
  coproc HOLD { python3 bench/web/hold_connections.py "$(port_of "$s")" "$idle" /enwiki/20240101/small.bin; }
  read -r ready _ <&"${HOLD[0]}"
  sleep 1
  after=$(rss_kib "$s")
  eval "exec ${HOLD[1]}>&-"
  wait "$HOLD_PID" 2>/dev/null || true
  per=$(awk -v a="$after" -v b="$before" -v n="$idle" 'BEGIN {printf "%.2f", (a-b)/n}')
  eval "mem_$s=$per"
  echo "  $s: RSS $before KiB -> $after KiB with $idle idle connections" >&2
  sleep 1
done
printf '%-34s %14s %14s %8s\n' "KiB RSS per idle keep-alive conn" "$mem_nginx" "$mem_dumpdist" "$(ratio "$mem_dumpdist" "$mem_nginx")"
