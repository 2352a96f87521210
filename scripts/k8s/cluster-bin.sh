#!/usr/bin/env bash
# Builds the binaries a real single-node cluster needs, from Go modules, into
# $SHOPMESH_CACHE/k8s-bin (~/.cache/shopmesh/k8s-bin), once:
#   - Kubernetes v1.37.2: kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy,
#     kubectl, through a wrapper module (k8s.io/kubernetes requires its staging modules through
#     `replace => ./staging/...`, which a dependent module cannot use: the wrapper replaces each with
#     its published v0.37.2)
#   - CoreDNS v1.15.0
#   - the Dapr control plane (operator, injector, sentry, placement, scheduler) and daprd, from
#     github.com/dapr/dapr (the version scripts/provision/dapr.sh builds daprd from)
#   - pause, the sandbox process, compiled from the k8s.io/kubernetes module's build/pause/linux/pause.c
#   - Traefik v3, the test cluster's ingress controller (ingress-nginx is retired; kind's
#     cloud-provider-kind needs Docker on the host), from github.com/traefik/traefik/v3
# Debian packages (etcd, containerd, runc, CNI plugins) come from apt: see scripts/k8s/cluster.sh.
# Builds run under `nice` with GOMAXPROCS/-p limited (BUILD_PROCS, default 2): the machine is shared.
#
#   scripts/k8s/cluster-bin.sh          # build what is missing (cold: ~15-40 min on 2 shared cores)
#   scripts/k8s/cluster-bin.sh dapr     # only one of kubernetes, coredns, dapr, traefik
#   scripts/k8s/cluster-bin.sh env      # K8S_BIN=..., DAPR_BIN=..., DAPR_VERSION=...
set -euo pipefail

KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.37.2}"
COREDNS_VERSION="${COREDNS_VERSION:-1.15.0}"
DAPR_VERSION="${DAPR_VERSION:-1.18.2}"
# Traefik 3.6, not 3.7: every 3.7.x requires modules the Go module proxy answers 403 "not available" for
# (the github.com/containous/go-http-auth fork at v0.4.1-0.20260804094822-b975dcaa8c48 and 14 DNS SDKs
# of lego v5's ACME providers); 3.6.12, the newest 3.6 patch the proxy lists, resolves every dependency.
# TRAEFIK_VERSION=3.7.x can be tried where a proxy serves those modules.
TRAEFIK_VERSION="${TRAEFIK_VERSION:-3.6.12}"
CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}"
K8S_BIN="$CACHE/k8s-bin/kubernetes-$KUBERNETES_VERSION"
DNS_BIN="$CACHE/k8s-bin/coredns-$COREDNS_VERSION"
DAPR_BIN="$CACHE/k8s-bin/dapr-$DAPR_VERSION"
TRAEFIK_BIN="$CACHE/k8s-bin/traefik-$TRAEFIK_VERSION"
PROCS="${BUILD_PROCS:-2}"
KUBE_CMDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
DAPR_CMDS=(daprd operator injector sentry placement scheduler)

log() { printf '[cluster-bin] %s (%ss)\n' "$*" "$SECONDS" >&2; }

# shellcheck source=../provision/go-module.sh
source "$(dirname "${BASH_SOURCE[0]}")/../provision/go-module.sh"

all_present() {
  local dir=$1 name
  shift
  for name in "$@"; do [[ -x "$dir/$name" ]] || return 1; done
}

gobuild() { nice -n 15 env GOMAXPROCS="$PROCS" CGO_ENABLED=0 go build -p "$PROCS" -trimpath "$@"; }

build_kubernetes() {
  all_present "$K8S_BIN" "${KUBE_CMDS[@]}" pause && return 0
  command -v go >/dev/null || { log "go is required"; exit 1; }
  local kdir wrap minor=${KUBERNETES_VERSION#*.} staging name
  minor=${minor%%.*}
  kdir=$(module_dir "k8s.io/kubernetes@v$KUBERNETES_VERSION")
  wrap="$CACHE/k8s-bin/wrapper-$KUBERNETES_VERSION"
  mkdir -p "$wrap" "$K8S_BIN"
  staging=$(sed -n '/^replace (/,/^)/s/^[[:space:]]*\(k8s\.io\/[^ ]*\) => \.\/staging.*/\1/p' "$kdir/go.mod")
  {
    printf 'module shopmesh.local/k8s-wrapper\n\ngo %s\n\nrequire k8s.io/kubernetes v%s\n\nreplace (\n' \
      "$(sed -n 's/^go //p' "$kdir/go.mod")" "$KUBERNETES_VERSION"
    for name in $staging; do printf '\t%s => %s v0.%s.%s\n' "$name" "$name" "$minor" "${KUBERNETES_VERSION##*.}"; done
    printf ')\n'
  } >"$wrap/go.mod"
  local ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$KUBERNETES_VERSION"
  ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
  ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=v$KUBERNETES_VERSION"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
  for name in "${KUBE_CMDS[@]}"; do
    [[ -x "$K8S_BIN/$name" ]] && continue
    log "building $name v$KUBERNETES_VERSION"
    (cd "$wrap" && GOFLAGS=-mod=mod gobuild -ldflags "$ldflags" -o "$K8S_BIN/$name.tmp" "k8s.io/kubernetes/cmd/$name")
    mv "$K8S_BIN/$name.tmp" "$K8S_BIN/$name"
  done
  if [[ ! -x "$K8S_BIN/pause" ]]; then
    log "compiling pause"
    gcc -Os -static -DVERSION="\"shopmesh-$KUBERNETES_VERSION\"" -o "$K8S_BIN/pause" "$kdir/build/pause/linux/pause.c" ||
      gcc -Os -DVERSION="\"shopmesh-$KUBERNETES_VERSION\"" -o "$K8S_BIN/pause" "$kdir/build/pause/linux/pause.c"
  fi
  log "kubernetes v$KUBERNETES_VERSION built"
}

build_coredns() {
  [[ -x "$DNS_BIN/coredns" ]] && return 0
  log "building coredns v$COREDNS_VERSION"
  mkdir -p "$DNS_BIN"
  local tmp
  tmp=$(mktemp -d)
  nice -n 15 env GOMAXPROCS="$PROCS" CGO_ENABLED=0 GOBIN="$tmp" go install -p "$PROCS" -trimpath -ldflags "-s -w" \
    "github.com/coredns/coredns@v$COREDNS_VERSION"
  mv "$tmp/coredns" "$DNS_BIN/coredns"
  rm -rf "$tmp"
}

# The Dapr control plane from a writable copy of its module (its go.mod has replace directives, so
# `go install` refuses it). daprd, placement and scheduler come from scripts/provision/dapr.sh's cache
# when that tier built them already.
build_dapr() {
  all_present "$DAPR_BIN" "${DAPR_CMDS[@]}" && return 0
  local provision="$CACHE/dapr/$DAPR_VERSION/bin" name missing=() src
  mkdir -p "$DAPR_BIN"
  for name in "${DAPR_CMDS[@]}"; do
    [[ -x "$DAPR_BIN/$name" ]] && continue
    if [[ -x "$provision/$name" ]]; then cp "$provision/$name" "$DAPR_BIN/$name"; else missing+=("./cmd/$name"); fi
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "building dapr $DAPR_VERSION: ${missing[*]}"
  src=$(module_copy "github.com/dapr/dapr@v$DAPR_VERSION")
  (cd "$src" && gobuild -tags stablecomponents -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_VERSION" \
    -o "$DAPR_BIN/" "${missing[@]}") || {
    rm -rf "$src"
    return 1
  }
  rm -rf "$src"
}

# Traefik from a writable copy of its module: its go.mod replaces forks (so `go install` refuses it).
# From 3.7 it also replaces github.com/traefik/traefik/dynamic/ext with ./pkg/config/dynamic/ext, a
# nested module that the module zip leaves out: the extension points of the dynamic configuration,
# empty structs in open-source Traefik (dynamic.HTTP and dynamic.Router inline them), and the copy gets
# them back as such. The web UI embeds webui/static, which the zip carries with only a placeholder
# file: the dashboard is empty, the controller whole (the test cluster does not enable the dashboard).
build_traefik() {
  [[ -x "$TRAEFIK_BIN/traefik" ]] && return 0
  command -v go >/dev/null || { log "go is required"; exit 1; }
  local src t=$SECONDS
  log "building traefik v$TRAEFIK_VERSION (cold: 10-20 min on 2 shared cores)"
  src=$(module_copy "github.com/traefik/traefik/v3@v$TRAEFIK_VERSION")
  mkdir -p "$TRAEFIK_BIN"
  if grep -q '=> ./pkg/config/dynamic/ext' "$src/go.mod"; then
    mkdir -p "$src/pkg/config/dynamic/ext"
    printf 'module github.com/traefik/traefik/dynamic/ext\n\ngo 1.24.0\n' >"$src/pkg/config/dynamic/ext/go.mod"
    cat >"$src/pkg/config/dynamic/ext/ext.go" <<'EOF'
// Package ext holds the extension points of the dynamic configuration, empty in open-source Traefik.
package ext

// HTTP extends dynamic.HTTP.
type HTTP struct{}

// Router extends dynamic.Router.
type Router struct{}
EOF
  fi
  (cd "$src" && gobuild -ldflags "-s -w -X github.com/traefik/traefik/v3/pkg/version.Version=v$TRAEFIK_VERSION" \
    -o "$TRAEFIK_BIN/traefik.tmp" ./cmd/traefik) || {
    rm -rf "$src"
    return 1
  }
  rm -rf "$src"
  mv "$TRAEFIK_BIN/traefik.tmp" "$TRAEFIK_BIN/traefik"
  log "traefik v$TRAEFIK_VERSION built in $((SECONDS - t))s"
}

case "${1:-install}" in
  install)
    build_kubernetes
    build_coredns
    build_dapr
    build_traefik
    ;;
  kubernetes | coredns | dapr | traefik) "build_$1" ;;
  env)
    printf 'K8S_BIN=%s\nCOREDNS_BIN=%s\nDAPR_BIN=%s\nTRAEFIK_BIN=%s\n' "$K8S_BIN" "$DNS_BIN" "$DAPR_BIN" "$TRAEFIK_BIN"
    printf 'KUBERNETES_VERSION=%s\nCOREDNS_VERSION=%s\nDAPR_VERSION=%s\nTRAEFIK_VERSION=%s\n' \
      "$KUBERNETES_VERSION" "$COREDNS_VERSION" "$DAPR_VERSION" "$TRAEFIK_VERSION"
    ;;
  *)
    log "usage: $0 [install|env]"
    exit 2
    ;;
esac
