#!/usr/bin/env bash
# The dump API at production scale: latency of GET /api/v1/wikis while the tree is being
# published into, against nginx serving the same JSON document as a static file in the same
# run (the floor: no tree to read at all). Also prints how long the first answer took after
# start and how long each background rebuild of the snapshot took.
#
# Usage: bench/web/api-snapshot.sh TREE [SECONDS]
#   TREE: a fixture tree, e.g. from
#     dotnet src/DumpDist.Cli/bin/Release/net10.0/dumpdist.dll fixture --out /tmp/t --wikis 1500 --runs 5 --scale 65536
#   DUMPDIST_DLL=path/to/dumpdist.dll compares another build (e.g. main's, for "before").
# "Publishing" here is what a sync pass does to the served tree once its data is in place:
# every 0.5 s, the dumpstatus.json of 20 random runs is replaced by rename (new mtime, new
# inode), and every 2 s a new run directory with its dumpstatus.json appears in one wiki.
# The tree is left with those changes (a few extra runs of unchanged content).
set -euo pipefail
cd "$(dirname "$0")/../.."
tree=${1:?usage: bench/web/api-snapshot.sh TREE [SECONDS]}
secs=${2:-20}
tree=$(realpath "$tree")
source bench/web/common.sh
bench_work api

dll=${DUMPDIST_DLL:-}
if [ -z "$dll" ]; then
  echo "== building dumpdist (Release)" >&2
  dotnet build src/DumpDist.Cli -c Release -nologo -v quiet >/dev/null
  dll=src/DumpDist.Cli/bin/Release/net10.0/dumpdist.dll
fi

files=$(find "$tree/public" -type f | wc -l)
echo "== tree $tree: $files files; dumpdist $dll" >&2

port=$(free_port)
start=$(date +%s.%N)
DUMPDIST_LOG_LEVEL=Debug dotnet "$dll" web --root "$tree" --listen "http://127.0.0.1:$port" >"$work/web.out" 2>"$work/web.err" &
pids+=($!)
until curl -s -o /dev/null "http://127.0.0.1:$port/-/health"; do sleep 0.05; done
up=$(date +%s.%N)
# The first answer: a 503 with Retry-After is not one; poll as a client following Retry-After would.
until [ "$(curl -s -o "$work/wikis.json" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/wikis")" = 200 ]; do sleep 0.1; done
first=$(date +%s.%N)

mkdir -p "$work/www" "$work/nginx/tmp"
cp "$work/wikis.json" "$work/www/wikis.json"
chmod -R a+rX "$work/www"
nginx_port=$(free_port)
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
NGINX
nginx -c "$work/nginx/nginx.conf" &
pids+=($!)
until curl -s -o /dev/null "http://127.0.0.1:$nginx_port/wikis.json"; do sleep 0.05; done

publish() {
  python3 - "$tree/public" "$1" <<'PY'
import os, random, sys, time
public, seconds = sys.argv[1], float(sys.argv[2])
runs = [os.path.join(public, w, r) for w in os.listdir(public) if os.path.isdir(os.path.join(public, w)) and w != "other"
        for r in os.listdir(os.path.join(public, w)) if r.isdigit() and len(r) == 8]
wikis = sorted({os.path.dirname(r) for r in runs})
rnd = random.Random(1)
end, tick, new = time.time() + seconds, 0, 0
while time.time() < end:
    for run in rnd.sample(runs, 20):
        status = os.path.join(run, "dumpstatus.json")
        with open(status, "rb") as f:
            body = f.read()
        with open(status + ".tmp", "wb") as f:
            f.write(body)
        os.rename(status + ".tmp", status)
    if tick % 4 == 0:
        wiki = rnd.choice(wikis)
        run = os.path.join(wiki, "2099%04d" % (101 + new))
        new += 1
        os.makedirs(run, exist_ok=True)
        with open(os.path.join(run, "dumpstatus.json"), "w") as f:
            f.write('{"jobs": {"a": {"status": "waiting"}}, "version": "0.8"}')
    tick += 1
    time.sleep(0.5)
PY
}

# wrk_p URL -> "p50_ms p99_ms max_ms req/s"
wrk_p() {
  wrk -t2 -c8 -d"${secs}s" --latency "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Latency" && max == "" { max = ms($4) }
    $1 == "Requests/sec:" { rps = $2 } END { printf "%.1f %.1f %.1f %.0f\n", p50, p99, max, rps }'
}

echo "== dumpdist GET /api/v1/wikis for ${secs}s while publishing" >&2
publish "$secs" & pids+=($!)
read -r d50 d99 dmax drps < <(wrk_p "http://127.0.0.1:$port/api/v1/wikis")
wait "${pids[-1]}" || true
echo "== nginx GET /wikis.json (the same bytes, static) for ${secs}s while publishing" >&2
publish "$secs" & pids+=($!)
read -r n50 n99 nmax nrps < <(wrk_p "http://127.0.0.1:$nginx_port/wikis.json")
wait "${pids[-1]}" || true

rebuilds=$(grep -c 'API tree snapshot rebuilt' "$work/web.err" || true)
awk -v s="$start" -v u="$up" -v f="$first" -v files="$files" -v bytes="$(stat -c %s "$work/wikis.json")" \
    -v d50="$d50" -v d99="$d99" -v dmax="$dmax" -v drps="$drps" -v n50="$n50" -v n99="$n99" -v nmax="$nmax" -v nrps="$nrps" 'BEGIN {
  printf "tree                %d files, /api/v1/wikis %d bytes\n", files, bytes
  printf "first answer        %.2f s after the listener was up (%.2f s after start)\n", f - u, f - s
  printf "dumpdist            p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  %6.0f req/s\n", d50, d99, dmax, drps
  printf "nginx (static)      p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  %6.0f req/s\n", n50, n99, nmax, nrps
  printf "ratio p99 dumpdist/nginx = %.2f\n", d99 / n99 }'
if [ "$rebuilds" -gt 0 ]; then
  grep -o 'rebuilt in [0-9]* ms' "$work/web.err" | awk '{ n++; t = $3; sum += t; if (n == 1) firstb = t; else if (t > mx) mx = t }
    END { printf "snapshot builds     %d: first %d ms, later ones mean %.0f ms, max %d ms\n", n, firstb, (n > 1 ? (sum - firstb) / (n - 1) : 0), mx }'
fi
