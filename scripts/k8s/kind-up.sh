#!/usr/bin/env bash
# `npm run kind:up`: a laptop cluster for ShopMesh, ready for `tilt up` or `skaffold dev`.
# Idempotent: a cluster, registry or release already there is kept. Needs docker, kind, kubectl and
# helm on PATH (scripts/k8s/tools.sh builds helm into ~/.cache/shopmesh/bin).
#   1. a local registry (localhost:5001), wired into the nodes and announced through kind's
#      local-registry-hosting ConfigMap so Tilt and skaffold push there;
#   2. the kind cluster of k8s/kind.yaml;
#   3. cloud-provider-kind, which serves LoadBalancer Services, Ingress and Gateway API on kind
#      (ingress-nginx was retired in March 2026), with the Gateway API CRDs;
#   4. the Dapr control plane from its Helm chart at the version the chart is tested against;
#   5. the namespace the Tiltfile and skaffold.yaml deploy to.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLUSTER="${KIND_CLUSTER:-shopmesh}"
NAMESPACE="${SHOPMESH_NAMESPACE:-shopmesh}"
REGISTRY_NAME="${KIND_REGISTRY_NAME:-kind-registry}"
REGISTRY_PORT="${KIND_REGISTRY_PORT:-5001}"
REGISTRY_IMAGE="${KIND_REGISTRY_IMAGE:-registry:3}"
DAPR_VERSION="${DAPR_VERSION:-$(sed -n "s/^ *shopmesh.dev\/dapr-version: *[\"']\{0,1\}\([^\"']*\).*/\1/p" charts/shopmesh/Chart.yaml)}"
CLOUD_PROVIDER_KIND_IMAGE="${CLOUD_PROVIDER_KIND_IMAGE:-registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.10.0}"
GATEWAY_API_VERSION="${GATEWAY_API_VERSION:-v1.4.0}"
export PATH="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}/bin:$PATH"

log() { printf '[kind:up] %s\n' "$*" >&2; }
for tool in docker kind kubectl helm; do
  command -v "$tool" >/dev/null || { log "$tool is required (see README, Run on Kubernetes)"; exit 1; }
done

log "local registry $REGISTRY_NAME on localhost:$REGISTRY_PORT"
if [[ "$(docker inspect -f '{{.State.Running}}' "$REGISTRY_NAME" 2>/dev/null || true)" != true ]]; then
  docker run -d --restart=always -p "127.0.0.1:$REGISTRY_PORT:5000" --network bridge --name "$REGISTRY_NAME" "$REGISTRY_IMAGE"
fi

if ! kind get clusters | grep -qx "$CLUSTER"; then
  log "creating kind cluster $CLUSTER (k8s/kind.yaml)"
  kind create cluster --name "$CLUSTER" --config k8s/kind.yaml --wait 120s
fi
kubectl config use-context "kind-$CLUSTER" >/dev/null

log "pointing the nodes' containerd at the registry"
for node in $(kind get nodes --name "$CLUSTER"); do
  docker exec "$node" mkdir -p "/etc/containerd/certs.d/localhost:$REGISTRY_PORT"
  printf '[host."http://%s:5000"]\n' "$REGISTRY_NAME" | docker exec -i "$node" cp /dev/stdin "/etc/containerd/certs.d/localhost:$REGISTRY_PORT/hosts.toml"
done
if [[ "$(docker inspect -f '{{json .NetworkSettings.Networks.kind}}' "$REGISTRY_NAME")" == null ]]; then
  docker network connect kind "$REGISTRY_NAME"
fi
kubectl apply -f - <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: local-registry-hosting
  namespace: kube-public
data:
  localRegistryHosting.v1: |
    host: "localhost:$REGISTRY_PORT"
    help: "https://kind.sigs.k8s.io/docs/user/local-registry/"
YAML

log "Gateway API $GATEWAY_API_VERSION CRDs and cloud-provider-kind"
kubectl apply --server-side -f "https://github.com/kubernetes-sigs/gateway-api/releases/download/$GATEWAY_API_VERSION/standard-install.yaml"
if [[ "$(docker inspect -f '{{.State.Running}}' cloud-provider-kind 2>/dev/null || true)" != true ]]; then
  docker rm -f cloud-provider-kind >/dev/null 2>&1 || true
  docker run -d --restart=always --name cloud-provider-kind --network kind \
    -v /var/run/docker.sock:/var/run/docker.sock "$CLOUD_PROVIDER_KIND_IMAGE"
fi

log "Dapr $DAPR_VERSION control plane (Helm chart dapr/dapr)"
helm repo add dapr https://dapr.github.io/helm-charts >/dev/null 2>&1 || true
helm repo update dapr >/dev/null
helm upgrade --install dapr dapr/dapr --version "$DAPR_VERSION" --namespace dapr-system --create-namespace --wait --timeout 10m

kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
log "ready: \`tilt up\` (or \`skaffold dev\`), then http://localhost:8080 (Tilt's port-forward) or the Ingress address (kubectl get ingress -n $NAMESPACE)"
