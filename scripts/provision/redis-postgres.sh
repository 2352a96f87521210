#!/usr/bin/env bash
# Redis and PostgreSQL for the Dapr and integration tiers: private instances on loopback, on ports this
# script owns (so they never collide with a system service), installed from Debian when missing.
#
#   scripts/provision/redis-postgres.sh start   # idempotent: install if missing, init once, start
#   scripts/provision/redis-postgres.sh stop [redis|postgres]   # both unless one is named
#   scripts/provision/redis-postgres.sh env     # REDIS_URL=... and DATABASE_URL=... lines
#   scripts/provision/redis-postgres.sh status
#
# Usable on its own: `eval "$(scripts/provision/redis-postgres.sh env)"` after `start`.
set -euo pipefail

CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}"
REDIS_PORT="${SHOPMESH_REDIS_PORT:-6390}"
PG_PORT="${SHOPMESH_PG_PORT:-5440}"
PG_USER=shopmesh
PG_PASSWORD=shopmesh
PG_DB=shopmesh
REDIS_DIR="$CACHE/redis"
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, whose data directory
# cannot live under root's home (mode 700).
if [[ $EUID -eq 0 ]]; then
  PG_DATA="${SHOPMESH_PG_DATA:-/var/lib/shopmesh/pg}"
  as_pg() { runuser -u postgres -- "$@"; }
else
  PG_DATA="${SHOPMESH_PG_DATA:-$CACHE/pg}"
  as_pg() { "$@"; }
fi

log() { printf '[redis-postgres] %s\n' "$*" >&2; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n "$dir" ]] && echo "$dir"
}

install() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [[ -n "$(pg_bin)" ]] || missing+=(postgresql)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || { log "missing ${missing[*]} and no apt-get to install them"; exit 1; }
  local sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo)
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

redis_running() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; }

start_redis() {
  if redis_running; then
    log "redis already running on 127.0.0.1:$REDIS_PORT"
    return 0
  fi
  mkdir -p "$REDIS_DIR"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$REDIS_DIR" \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --save "" --appendonly no
  local i
  for i in $(seq 1 40); do redis_running && break; sleep 0.25; done
  redis_running || { log "redis did not start; see $REDIS_DIR/redis.log"; exit 1; }
  log "redis up on 127.0.0.1:$REDIS_PORT"
}

pg_running() { "$(pg_bin)/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; }

start_postgres() {
  local bin
  bin=$(pg_bin)
  if pg_running; then
    log "postgres already running on 127.0.0.1:$PG_PORT"
    return 0
  fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initialising $PG_DATA"
    mkdir -p "$PG_DATA"
    [[ $EUID -eq 0 ]] && chown -R postgres:postgres "$(dirname "$PG_DATA")"
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DATA -c fsync=off -c max_connections=200" >/dev/null
  # Idempotent: the role, the database and pgvector are created only when missing.
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  "${psql[@]}" -d postgres -c "select 1 from pg_roles where rolname = '$PG_USER'" | grep -q 1 ||
    "${psql[@]}" -d postgres -c "create role $PG_USER login createdb password '$PG_PASSWORD'"
  "${psql[@]}" -d postgres -c "select 1 from pg_database where datname = '$PG_DB'" | grep -q 1 ||
    "${psql[@]}" -d postgres -c "create database $PG_DB owner $PG_USER"
  # The catalog's semantic search needs pgvector; Debian 12 does not package it (Debian 13 does), so it
  # is enabled only where the server has it.
  if [[ -f "$("$bin/pg_config" --sharedir)/extension/vector.control" ]]; then
    "${psql[@]}" -d "$PG_DB" -c "create extension if not exists vector"
  else
    log "pgvector is not installed for this server: the vector extension is unavailable"
  fi
  log "postgres up on 127.0.0.1:$PG_PORT (data $PG_DATA)"
}

stop() {
  local only=${1:-}
  if [[ "$only" != postgres ]] && redis_running; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    log "stopped redis"
  fi
  if [[ "$only" != redis && -f "$PG_DATA/postmaster.pid" ]]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    log "stopped postgres"
  fi
}

env_lines() {
  echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
  echo "REDIS_HOST=127.0.0.1:$REDIS_PORT"
  echo "DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
}

status() {
  redis_running && echo "redis: up (127.0.0.1:$REDIS_PORT)" || echo "redis: down"
  [[ -n "$(pg_bin)" ]] && pg_running && echo "postgres: up (127.0.0.1:$PG_PORT)" || echo "postgres: down"
}

case "${1:-start}" in
  start) install; start_redis; start_postgres ;;
  stop) stop "${2:-}" ;;
  env) env_lines ;;
  status) status ;;
  *) echo "usage: $0 start|stop [redis|postgres]|env|status" >&2; exit 2 ;;
esac
