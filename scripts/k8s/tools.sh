#!/usr/bin/env bash
# Builds the chart tooling from Go modules into $SHOPMESH_CACHE/bin (~/.cache/shopmesh/bin) and fetches
# the reference documents the chart test validates against: the Kubernetes OpenAPI document (inside
# the k8s.io/kubernetes module zip) and Dapr's Helm chart with its CRDs (inside github.com/dapr/dapr's).
# Idempotent: a tool or document already in place is not rebuilt. No release binary is downloaded;
# the Go module proxy is the only source.
#
#   scripts/k8s/tools.sh              # helm + kubeconform + reference documents (TILT=1: tilt too)
#   scripts/k8s/tools.sh env          # prints HELM=..., KUBECONFORM=..., K8S_OPENAPI=..., DAPR_CHART=...
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-3.22.0}"
KUBECONFORM_VERSION="${KUBECONFORM_VERSION:-0.8.0}"
KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.37.2}"
# The Dapr control-plane version the chart is tested against; the same one scripts/provision/dapr.sh builds.
DAPR_VERSION="${DAPR_VERSION:-1.18.2}"
# Gateway API CRDs (HTTPRoute, Gateway), from the sigs.k8s.io/gateway-api module.
GATEWAY_API_VERSION="${GATEWAY_API_VERSION:-1.4.0}"
# Tilt, to evaluate the Tiltfile; `go install` is refused (the proxy serves no version list for it), so
# it is built from a copy of the module like Dapr (-mod=mod: the zip has a vendor/modules.txt but no
# vendored code; cgo: its Tiltfile parser links tree-sitter). With TILT=1: 6 CPU-min, 42 min wall on
# this loaded 2-core machine.
TILT_VERSION="${TILT_VERSION:-0.33.21}"
CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}"
BIN="$CACHE/bin"

log() { printf '[k8s-tools] %s\n' "$*" >&2; }

# shellcheck source=../provision/go-module.sh
source "$(dirname "${BASH_SOURCE[0]}")/../provision/go-module.sh"

# install NAME VERSION PACKAGE@VERSION: go install into $BIN/NAME-VERSION, linked as $BIN/NAME.
install_tool() {
  local name=$1 version=$2 pkg=$3 t=$SECONDS tmp
  if [[ -x "$BIN/$name-$version" ]]; then
    ln -sf "$name-$version" "$BIN/$name"
    return 0
  fi
  command -v go >/dev/null || { log "go is required to build $name"; exit 1; }
  log "building $name $version from $pkg (helm takes about 5 min cold on 2 cores)"
  tmp=$(mktemp -d)
  CGO_ENABLED=0 GOBIN="$tmp" go install -trimpath -ldflags "-s -w $4" "$pkg"
  mkdir -p "$BIN"
  mv "$tmp/$name" "$BIN/$name-$version"
  rm -rf "$tmp"
  ln -sf "$name-$version" "$BIN/$name"
  log "built $name $version in $((SECONDS - t))s"
}

# The Kubernetes version helm assumes without a cluster (helm template, lint): its Makefile derives it
# from the client-go it builds with (v0.37 -> 1.37); without these flags helm falls back to 1.20.
helm_k8s_ldflags() {
  local major=1 minor=37 pkg
  for pkg in pkg/lint/rules pkg/chartutil; do
    printf -- '-X helm.sh/helm/v3/%s.k8sVersionMajor=%s -X helm.sh/helm/v3/%s.k8sVersionMinor=%s ' "$pkg" "$major" "$pkg" "$minor"
  done
}

# build_tilt: go build inside a writable copy of the module (go install checks a version list the
# proxy refuses for github.com/tilt-dev/tilt).
build_tilt() {
  local t=$SECONDS src
  if [[ -x "$BIN/tilt-$TILT_VERSION" ]]; then
    ln -sf "tilt-$TILT_VERSION" "$BIN/tilt"
    return 0
  fi
  log "building tilt $TILT_VERSION from its module (cold: 6 CPU-min, up to 40 min on a busy 2-core machine)"
  src=$(module_copy "github.com/tilt-dev/tilt@v$TILT_VERSION")
  mkdir -p "$BIN"
  (cd "$src" && CGO_ENABLED=1 go build -mod=mod -trimpath -ldflags "-s -w" -o "$BIN/tilt-$TILT_VERSION" ./cmd/tilt) || {
    rm -rf "$src"
    return 1
  }
  rm -rf "$src"
  ln -sf "tilt-$TILT_VERSION" "$BIN/tilt"
  log "built tilt $TILT_VERSION in $((SECONDS - t))s"
}

env_lines() {
  printf 'HELM=%s\n' "$BIN/helm"
  printf 'KUBECONFORM=%s\n' "$BIN/kubeconform"
  printf 'K8S_OPENAPI=%s\n' "$(module_dir "k8s.io/kubernetes@v$KUBERNETES_VERSION")/api/openapi-spec/swagger.json"
  printf 'DAPR_CHART=%s\n' "$(module_dir "github.com/dapr/dapr@v$DAPR_VERSION")/charts/dapr"
  printf 'GATEWAY_API_CRDS=%s\n' "$(module_dir "sigs.k8s.io/gateway-api@v$GATEWAY_API_VERSION")/config/crd/standard"
  printf 'TILT=%s\n' "$BIN/tilt"
  printf 'KUBERNETES_VERSION=%s\nDAPR_VERSION=%s\nGATEWAY_API_VERSION=%s\n' "$KUBERNETES_VERSION" "$DAPR_VERSION" "$GATEWAY_API_VERSION"
}

case "${1:-install}" in
  install)
    install_tool helm "$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION" \
      "-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION $(helm_k8s_ldflags)"
    install_tool kubeconform "$KUBECONFORM_VERSION" \
      "github.com/yannh/kubeconform/cmd/kubeconform@v$KUBECONFORM_VERSION" ""
    if [[ "${TILT:-0}" == 1 ]]; then build_tilt; fi
    env_lines >/dev/null
    ;;
  env) env_lines ;;
  *)
    log "usage: $0 [install|env]"
    exit 2
    ;;
esac
