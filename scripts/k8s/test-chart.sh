#!/usr/bin/env bash
# `npm run test:chart`: the Helm chart and the dev infrastructure, checked without a cluster.
#   1. tools from their Go modules into ~/.cache/shopmesh (helm, kubeconform; scripts/k8s/tools.sh)
#   2. strict JSON schemas for kubeconform from the Kubernetes OpenAPI document (k8s.io/kubernetes
#      module), Dapr's CRDs (github.com/dapr/dapr module's charts/dapr) and Gateway API's CRDs
#   3. helm lint --strict of charts/shopmesh and k8s/infra
#   4. helm template with default, production-like, minimal and kind values, and k8s/infra with and without
#      its ingress controller; kubeconform -strict on each
#   5. the README's values table matches the schema; the chart policy test (scripts/k8s/chart-policy.test.ts)
#   6. the Tiltfile evaluated by Tilt (`tilt alpha tiltfile-result`; TILT=0 skips building Tilt)
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$SECONDS
report=()
step() { printf '\n[test:chart] %s\n' "$*"; }
timed() {
  local label=$1 t=$SECONDS status=0
  shift
  "$@" || status=$?
  report+=("$(printf '%-52s %-6s %4ss' "$label" "$([[ $status -eq 0 ]] && echo ok || echo FAILED)" $((SECONDS - t)))")
  return "$status"
}
finish() {
  step "what ran"
  printf '  %s\n' "${report[@]}"
  step "$1 in $((SECONDS - started))s"
}

step "tools (built once into ${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}; helm about 5-12 min cold)"
# Tilt too, to evaluate the Tiltfile (TILT=0 skips it; the longest build here).
timed "tools: helm, kubeconform, tilt, reference modules" env TILT="${TILT:-1}" bash scripts/k8s/tools.sh || { finish FAILED; exit 1; }
eval "$(bash scripts/k8s/tools.sh env)"
export HELM

SCHEMAS="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}/k8s-schemas/k8s-$KUBERNETES_VERSION-dapr-$DAPR_VERSION-gwapi-$GATEWAY_API_VERSION"
schemas() {
  [[ -f "$SCHEMAS/.complete" ]] && return 0
  rm -rf "$SCHEMAS"
  node --import tsx scripts/k8s/schemas.ts "$SCHEMAS" "$K8S_OPENAPI" "$DAPR_CHART/crds" "$GATEWAY_API_CRDS"
  touch "$SCHEMAS/.complete"
}
step "strict schemas: Kubernetes $KUBERNETES_VERSION, Dapr $DAPR_VERSION CRDs, Gateway API $GATEWAY_API_VERSION CRDs"
timed "schemas (generated once)" schemas || { finish FAILED; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0
# Helm warns on stderr that files/dapr is a link to dapr/ (that is how the chart shares its sources).
quiet() { "$@" 2> >(grep -v 'found symbolic link in path' >&2); }
dapr_apis=(--api-versions dapr.io/v1alpha1/Component --api-versions dapr.io/v1alpha1/Configuration --api-versions dapr.io/v1alpha1/Resiliency)

step "helm lint --strict"
timed "lint charts/shopmesh" quiet "$HELM" lint --strict charts/shopmesh --set dapr.preflight=false || failed=1
timed "lint charts/shopmesh (production values)" quiet "$HELM" lint --strict charts/shopmesh --set dapr.preflight=false \
  -f charts/shopmesh/ci/production-values.yaml || failed=1
timed "lint k8s/infra" quiet "$HELM" lint --strict k8s/infra || failed=1

step "helm template + kubeconform -strict"
render() {
  local name=$1 chart=$2
  shift 2
  quiet "$HELM" template shopmesh "$chart" --namespace shopmesh "${dapr_apis[@]}" "$@" >"$out/$name.yaml"
}
validate() {
  "$KUBECONFORM" -strict -summary -output text \
    -schema-location "$SCHEMAS/{{ .Group }}/{{ .ResourceKind }}-{{ .ResourceAPIVersion }}.json" "$out/$1.yaml"
}
render_and_validate() { render "$@" && validate "$1"; }
for set in default production minimal kind infra infra-ingress; do
  case $set in
    default) args=(charts/shopmesh) ;;
    production) args=(charts/shopmesh -f charts/shopmesh/ci/production-values.yaml) ;;
    minimal) args=(charts/shopmesh -f charts/shopmesh/ci/minimal-values.yaml) ;;
    kind) args=(charts/shopmesh -f k8s/values-kind.yaml) ;;
    infra) args=(k8s/infra) ;;
    infra-ingress) args=(k8s/infra --set ingressController.enabled=true) ;;
  esac
  timed "template + kubeconform: $set values" render_and_validate "$set" "${args[@]}" || failed=1
done

step "README values table up to date with values.schema.json"
timed "README values table" node --import tsx scripts/k8s/values-table.ts --check || failed=1

step "chart policy test"
timed "policy: probes, resources, non-root, PDBs, schema" npx jest -c scripts/k8s/jest.config.js || failed=1

if [[ -x "$TILT" ]]; then
  step "Tiltfile evaluated by Tilt"
  timed "tilt: Tiltfile evaluates" bash scripts/k8s/tilt-eval.sh "$TILT" || failed=1
else
  report+=("$(printf '%-52s %-6s' 'tilt: Tiltfile evaluation' 'skipped (TILT=0)')")
fi

if [[ $failed -eq 0 ]]; then finish "chart tier green"; else finish "chart tier FAILED"; fi
exit "$failed"
