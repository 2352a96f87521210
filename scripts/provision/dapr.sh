#!/usr/bin/env bash
# Builds the Dapr runtime (daprd, placement, scheduler) from its Go module and runs a local control
# plane and sidecars. Everything lands outside the repo, in $SHOPMESH_CACHE (~/.cache/shopmesh).
#
#   scripts/provision/dapr.sh build     # idempotent; ~5 min cold on 2 cores, instant when built
#   scripts/provision/dapr.sh start     # placement (30005) + scheduler (30006) in the background
#   scripts/provision/dapr.sh sidecar APP_ID APP_PORT HTTP_PORT GRPC_PORT [METRICS_PORT]   # one daprd, foreground
#   scripts/provision/dapr.sh smoke     # provisions everything and checks the runtime adapter against a daprd
#   scripts/provision/dapr.sh stop      # stops what `start` started
#   scripts/provision/dapr.sh env       # DAPR_BIN=..., DAPR_RUNTIME_PATH=..., placement/scheduler addresses
#
# Dapr's installer (`dapr init`) downloads release binaries, which this environment cannot reach; the Go
# module proxy serves the sources. Versions: the proxy here refuses github.com/dapr/durabletask-go
# v0.12.4, which dapr v1.18.3 needs, so the newest buildable runtime is v1.18.2. No dapr CLI builds from
# it (v1.18.0: source refused; v1.17.1: checksum and components-contrib v1.17.0 refused; v1.16.5:
# components-contrib v1.16.3 refused), so `sidecar` starts daprd directly instead of `dapr run`.
set -euo pipefail

DAPR_VERSION="${DAPR_VERSION:-1.18.2}"
# Opt-in: set DAPR_CLI_VERSION to also build the dapr CLI (needed only for `dapr run -f dapr/dapr.yaml`).
DAPR_CLI_VERSION="${DAPR_CLI_VERSION:-}"
CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}"
ROOT="$CACHE/dapr/$DAPR_VERSION"
BIN="$ROOT/bin"
RUN="$CACHE/dapr/run"
# The CLI finds daprd under <runtime-path>/.dapr/bin; this directory is laid out that way.
RUNTIME_PATH="$ROOT/runtime"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Every fixed port of the stack sits below 32768, outside Linux's ephemeral range (32768-60999): a
# listener there can find its port taken by some client's outgoing connection (CI saw placement's
# metrics port 59090 refused that way).
PLACEMENT_PORT="${DAPR_PLACEMENT_PORT:-30005}"
SCHEDULER_PORT="${DAPR_SCHEDULER_PORT:-30006}"
BINARIES=(daprd placement scheduler)

log() { printf '[dapr] %s\n' "$*" >&2; }
# shellcheck source=go-module.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-module.sh"

built() {
  local b
  for b in "${BINARIES[@]}"; do [[ -x "$BIN/$b" ]] || return 1; done
}

# go_build MODULE VERSION LDFLAGS TAGS PACKAGE...: builds from a writable copy of the module source.
go_build() {
  local module=$1 version=$2 ldflags=$3 tags=$4 src
  shift 4
  src=$(module_copy "$module@v$version") || return 1
  mkdir -p "$BIN"
  local status=0
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$BIN/" "$@") || status=$?
  rm -rf "$src"
  return "$status"
}

build() {
  if built && [[ -z "$DAPR_CLI_VERSION" || -x "$BIN/dapr" ]]; then
    log "dapr $DAPR_VERSION already built in $BIN"
    layout
    return 0
  fi
  command -v go >/dev/null || { log "go is required"; exit 1; }
  local started
  started=$(date +%s)
  if ! built; then
    log "building daprd placement scheduler $DAPR_VERSION (tags: stablecomponents)"
    go_build github.com/dapr/dapr "$DAPR_VERSION" \
      "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_VERSION" stablecomponents \
      ./cmd/daprd ./cmd/placement ./cmd/scheduler
  fi
  if [[ -n "$DAPR_CLI_VERSION" && ! -x "$BIN/dapr" ]]; then
    log "building dapr CLI $DAPR_CLI_VERSION"
    if go_build github.com/dapr/cli "$DAPR_CLI_VERSION" \
      "-s -w -X main.version=$DAPR_CLI_VERSION -X main.apiVersion=1.0 -X main.runtimeVersion=$DAPR_VERSION" "" .; then
      mv "$BIN/cli" "$BIN/dapr"
    else
      log "dapr CLI not built; multi-app run (dapr run -f) is unavailable, the sidecar command still works"
    fi
  fi
  layout
  log "built in $(( $(date +%s) - started ))s: $(ls "$BIN" | tr '\n' ' ')"
}

# What `dapr run --runtime-path "$RUNTIME_PATH"` expects (should a CLI be available): .dapr/bin/daprd,
# a default config and components.
layout() {
  mkdir -p "$RUNTIME_PATH/.dapr/bin"
  ln -sf "$BIN/daprd" "$RUNTIME_PATH/.dapr/bin/daprd"
  ln -sf "$REPO/dapr/config.yaml" "$RUNTIME_PATH/.dapr/config.yaml"
  ln -sfn "$REPO/dapr/components" "$RUNTIME_PATH/.dapr/components"
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_port() {
  local port=$1 name=$2 i
  for i in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    pid_alive "$RUN/$name.pid" || break
    sleep 0.5
  done
  log "$name did not open port $port; see $RUN/$name.log"
  tail -20 "$RUN/$name.log" >&2 || true
  exit 1
}

start() {
  built || build
  mkdir -p "$RUN/scheduler-data"
  if pid_alive "$RUN/placement.pid"; then
    log "placement already running"
  else
    "$BIN/placement" --port "$PLACEMENT_PORT" --listen-address 127.0.0.1 \
      --healthz-port 28080 --healthz-listen-address 127.0.0.1 \
      --metrics-port 29090 --metrics-listen-address 127.0.0.1 >"$RUN/placement.log" 2>&1 &
    echo $! >"$RUN/placement.pid"
    wait_port "$PLACEMENT_PORT" placement
  fi
  if pid_alive "$RUN/scheduler.pid"; then
    log "scheduler already running"
  else
    "$BIN/scheduler" --port "$SCHEDULER_PORT" --listen-address 127.0.0.1 \
      --healthz-port 28081 --healthz-listen-address 127.0.0.1 \
      --metrics-port 29091 --metrics-listen-address 127.0.0.1 \
      --etcd-data-dir "$RUN/scheduler-data" --etcd-client-listen-address 127.0.0.1 --etcd-client-port 22379 \
      --etcd-initial-cluster "dapr-scheduler-server-0=http://127.0.0.1:22380" >"$RUN/scheduler.log" 2>&1 &
    echo $! >"$RUN/scheduler.pid"
    wait_port "$SCHEDULER_PORT" scheduler
  fi
  log "control plane up: placement 127.0.0.1:$PLACEMENT_PORT, scheduler 127.0.0.1:$SCHEDULER_PORT"
}

# One sidecar with the repo's components, config and resiliency; runs in the foreground (exec). Sidecars
# find each other through mDNS (the only name resolver in stablecomponents), which works on this host.
# The internal gRPC port is GRPC_PORT+1000; with METRICS_PORT, Prometheus metrics are served there.
# App health checks (as dapr.yaml's enableAppHealthCheck; /dapr/healthz, answered to loopback callers only) make daprd pause pub/sub deliveries while its
# app is down instead of burning the delivery retries and dead-lettering events a restart would take.
sidecar() {
  [[ $# -eq 4 || $# -eq 5 ]] || { echo "usage: $0 sidecar APP_ID APP_PORT HTTP_PORT GRPC_PORT [METRICS_PORT]" >&2; exit 2; }
  local app_id=$1 app_port=$2 http_port=$3 grpc_port=$4 metrics_port=${5:-}
  local metrics=(--enable-metrics=false)
  [[ -n "$metrics_port" ]] && metrics=(--enable-metrics=true --metrics-port "$metrics_port" --metrics-listen-address 127.0.0.1)
  built || build
  exec "$BIN/daprd" --mode standalone --app-id "$app_id" --app-port "$app_port" --app-channel-address 127.0.0.1 \
    --dapr-http-port "$http_port" --dapr-grpc-port "$grpc_port" --dapr-listen-addresses 127.0.0.1 \
    --dapr-internal-grpc-port "$((grpc_port + 1000))" "${metrics[@]}" \
    --enable-app-health-check --app-health-check-path /dapr/healthz --app-health-probe-interval 1 --app-health-threshold 3 \
    --placement-host-address "127.0.0.1:$PLACEMENT_PORT" --scheduler-host-address "127.0.0.1:$SCHEDULER_PORT" \
    --resources-path "$REPO/dapr/components" --resources-path "$REPO/dapr" --config "$REPO/dapr/config.yaml"
}

# End-to-end check of the runtime adapter: provisions Redis, Kafka and the control plane, starts the
# smoke app (scripts/provision/dapr-smoke.ts) and then its sidecar, and reports what works.
smoke() {
  "$REPO/scripts/provision/redis-postgres.sh" start
  "$REPO/scripts/provision/kafka.sh" start
  start
  local app_port=3999 http_port=3599 grpc_port=30199 app daprd status=0 i
  # daprd sends the app token on every call to the app, which refuses its event routes without it.
  APP_API_TOKEN="smoke-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  export APP_API_TOKEN
  (cd "$REPO" && APP_PORT=$app_port DAPR_HTTP_PORT=$http_port DAPR_GRPC_PORT=$grpc_port exec npx tsx scripts/provision/dapr-smoke.ts) &
  app=$!
  for i in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$app_port") 2>/dev/null && break
    sleep 0.5
  done
  # Secret names may contain dashes, which only `env` can put into an environment.
  env 'SHOPMESH_SECRET_smoke-secret=s3cret' "$0" sidecar notifications "$app_port" "$http_port" "$grpc_port" >"$RUN/smoke-daprd.log" 2>&1 &
  daprd=$!
  wait "$app" || status=$?
  kill "$daprd" 2>/dev/null || true
  wait "$daprd" 2>/dev/null || true
  log "sidecar log: $RUN/smoke-daprd.log"
  return "$status"
}

stop() {
  local name
  for name in scheduler placement; do
    if pid_alive "$RUN/$name.pid"; then
      kill "$(cat "$RUN/$name.pid")"
      log "stopped $name"
    fi
    rm -f "$RUN/$name.pid"
  done
}

env_lines() {
  echo "DAPR_BIN=$BIN"
  echo "DAPR_RUNTIME_PATH=$RUNTIME_PATH"
  echo "DAPR_PLACEMENT_ADDRESS=127.0.0.1:$PLACEMENT_PORT"
  echo "DAPR_SCHEDULER_ADDRESS=127.0.0.1:$SCHEDULER_PORT"
}

case "${1:-build}" in
  build) build ;;
  start) start ;;
  sidecar) shift; sidecar "$@" ;;
  smoke) smoke ;;
  stop) stop ;;
  env) env_lines ;;
  *) echo "usage: $0 build|start|sidecar|smoke|stop|env" >&2; exit 2 ;;
esac
