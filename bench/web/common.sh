# Sourced by the bench/web scripts: a work directory removed on exit with every server the
# script started (append their PIDs to pids), and a free loopback port.
# bench_work NAME sets work=/tmp/dumpdist-bench-NAME.XXXXXX.
bench_work() {
  work=$(mktemp -d "/tmp/dumpdist-bench-$1.XXXXXX")
  chmod 755 "$work"   # nginx workers run as an unprivileged user when started by root
  pids=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
