#!/usr/bin/env bash
# Measures the resident memory of each service running as its own process, the way a pod runs it
# (`node --import tsx services/<name>/src/main.ts`, SHOPMESH_RUNTIME=dapr), to size the chart's
# requests and limits. One embedded PostgreSQL (PGlite over the wire protocol) serves every service;
# no daprd runs, so only start-up, migrations, health checks and a burst of HTTP requests on each app's
# own routes are exercised (a service that needs its sidecar to start, like identity reading its
# signing key, is reported as not started): the numbers are a floor, and the chart adds headroom on
# top. Prints idle RSS after start and peak RSS (VmHWM) after the burst, in MiB.
#   scripts/k8s/measure-rss.sh [service...]
set -euo pipefail
cd "$(dirname "$0")/../.."
services=("$@")
[[ ${#services[@]} -gt 0 ]] || services=(gateway identity catalog inventory cart orders payments notifications)
[[ -f services/embeddings/src/main.ts && $# -eq 0 ]] && services+=(embeddings)
work=$(mktemp -d)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM INT

node --import tsx -e "
  const { startEmbeddedPostgres } = require('@shopmesh/platform');
  startEmbeddedPostgres({ dataDir: process.argv[1] }).then((pg) => process.stdout.write(pg.url + '\n'));
" "$work/pg" >"$work/pg.url" 2>"$work/pg.log" &
pids+=($!)
for _ in $(seq 1 120); do [[ -s "$work/pg.url" ]] && break; sleep 1; done
url=$(head -1 "$work/pg.url")
[[ -n "$url" ]] || { cat "$work/pg.log" >&2; exit 1; }

# kib PID FIELD: the field (VmRSS, VmHWM) of the process plus its children (tsx's esbuild service,
# ~16 MiB), in MiB: the pod's memory limit covers them all.
kib() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$p/status")))
  done
  echo $((total / 1024))
}
printf '%-14s %10s %10s\n' service idle_MiB peak_MiB
port=29100
for s in "${services[@]}"; do
  port=$((port + 1))
  management=$((port + 100))
  SHOPMESH_RUNTIME=dapr APP_PORT=$port MANAGEMENT_PORT=$management APP_HOST=127.0.0.1 DAPR_HTTP_PORT=1 DAPR_GRPC_PORT=1 DATABASE_URL="$url" \
    LOG_LEVEL=warn node --import tsx "services/$s/src/main.ts" >"$work/$s.log" 2>&1 &
  pid=$!
  pids+=($pid)
  up=0
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$management/healthz" >/dev/null 2>&1; then up=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if [[ $up -eq 0 ]]; then
    printf '%-14s did not start without a sidecar: %s\n' "$s" "$(grep -m1 -i error "$work/$s.log" | cut -c1-160)"
    continue
  fi
  sleep 5
  idle=$(kib "$pid" VmRSS)
  # Probes and metrics as the kubelet and Prometheus would call them, then a few business reads (they
  # fail fast or time out without a sidecar, but load the routes, validation and clients).
  for target in $management/readyz:300 $management/metrics:100 $management/healthz:300 $port/api/v1/products:10 $port/products:10 $port/categories:10; do
    curl -sS --max-time 2 $(printf -- "-o /dev/null http://127.0.0.1:${target%%:*}?n=%d " $(seq 1 "${target##*:}")) >/dev/null 2>&1 || true
  done
  printf '%-14s %10s %10s\n' "$s" "$idle" "$(kib "$pid" VmHWM)"
done
