#!/usr/bin/env bash
# `npm run test:k8s`: the Helm chart on a real Kubernetes v1.37.2 cluster with the Dapr control plane.
#   1. Debian packages (etcd, containerd, runc, CNI plugins, debootstrap, docker.io), installed once
#   2. Kubernetes, CoreDNS, the Dapr control plane and Traefik built from Go modules into ~/.cache/shopmesh
#      (scripts/k8s/cluster-bin.sh; helm from scripts/k8s/tools.sh)
#   3. images, in a private dockerd (--bridge=none, builds on the host network): ShopMesh with the repo's
#      Dockerfile on a locally made node:22-bookworm-slim (scripts/k8s/image.sh), then pause, CoreDNS,
#      Dapr, Traefik, Redis, PostgreSQL+pgvector and Kafka (scripts/k8s/cluster-images.sh)
#   4. a one-node cluster inside a network namespace of its own (scripts/k8s/cluster.sh)
#   5. Dapr with its own Helm chart (from the github.com/dapr/dapr module), the dev infrastructure
#      (k8s/infra: Redis, Kafka, PostgreSQL as StatefulSets IN the cluster, and Traefik as the ingress
#      controller of the IngressClass traefik), then charts/shopmesh
#   6. every pod Ready, every ShopMesh pod with its daprd sidecar injected
#   7. the chart's Ingress admitted by Traefik (its status carries the controller's address), a smoke
#      through it and through the gateway's Service, then the end-to-end suite (services/shop/test/e2e)
#      through the Ingress; its restart test deletes the orders pod mid-checkout and the order still completes
#   8. pods' memory (working set) against their limits
#   9. `helm upgrade` with a changed value under a concurrent browse loop through the Ingress: no failed request
#  10. `helm test` (its pods go through the Ingress too); `helm uninstall` leaves nothing of the release behind
# Everything is torn down on exit, failure or not: processes by pid, mounts, cgroups, the namespace.
# Logs of the last run: ~/.cache/shopmesh/k8s/last-run/.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD

started=$SECONDS
report=()
step() { printf '\n[test:k8s %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
timed() {
  local label=$1 t=$SECONDS status=0
  shift
  "$@" || status=$?
  report+=("$(printf '%-58s %-6s %5ss' "$label" "$([[ $status -eq 0 ]] && echo ok || echo FAILED)" $((SECONDS - t)))")
  return "$status"
}
finish() {
  step "what ran"
  printf '  %s\n' "${report[@]}"
  [[ -s "${memory_report:-}" ]] && { step "memory"; cat "$memory_report"; }
  step "$1 in $((SECONDS - started))s (logs: $K_LOGS)"
}
fail() {
  finish "k8s tier FAILED"
  exit 1
}

[[ $EUID -eq 0 ]] || { echo "test:k8s needs root (network namespaces, cgroups, containerd)" >&2; exit 1; }
export SHOPMESH_CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}"
CACHE=$SHOPMESH_CACHE
# shellcheck source=scripts/k8s/cluster.sh
source scripts/k8s/cluster.sh

packages() {
  local missing=() p
  for p in etcd-server containerd runc containernetworking-plugins debootstrap docker.io iptables conntrack openssl; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  klog "installing ${missing[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

step "packages and binaries (cold: Kubernetes, CoreDNS, Dapr and Traefik build from Go modules, 15-75 min on 2 shared cores)"
timed "packages: etcd containerd runc cni docker (apt)" packages || fail
timed "binaries: kubernetes coredns dapr traefik (Go modules)" bash scripts/k8s/cluster-bin.sh || fail
timed "tools: helm" env TILT=0 bash scripts/k8s/tools.sh || fail
eval "$(bash scripts/k8s/tools.sh env)"
eval "$(bash scripts/k8s/cluster-bin.sh env)"
K_BIN=$K8S_BIN
TAG=$(sed -n "s/^appVersion: *[\"']\{0,1\}\([^\"']*\).*/\1/p" charts/shopmesh/Chart.yaml)

# --- images, in the private dockerd of scripts/k8s/image.sh (same socket and data root)
SOCK=/tmp/shopmesh-docker.sock
DOCKER=(/usr/bin/docker -H "unix://$SOCK")
dockerd_pid=""
dockerd_up() {
  "${DOCKER[@]}" info >/dev/null 2>&1 && return 0
  /usr/sbin/dockerd --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    --data-root "$CACHE/k8s/docker" --exec-root /tmp/shopmesh-docker-exec --pidfile /tmp/shopmesh-dockerd.pid \
    -H "unix://$SOCK" >"$CACHE/k8s/dockerd.log" 2>&1 &
  dockerd_pid=$!
  wait_for dockerd 60 "${DOCKER[@]}" info
}
dockerd_down() {
  [[ -n "$dockerd_pid" ]] || return 0
  kill "$dockerd_pid" 2>/dev/null
  wait "$dockerd_pid" 2>/dev/null
  dockerd_pid=""
}
cleanup() {
  dockerd_down
  [[ -n "${loop_pid:-}" ]] && kill "$loop_pid" 2>/dev/null
  step "tearing the cluster down"
  cluster_down
  klog "torn down: no process in the namespace or the pods' cgroup, namespace $K_NS gone: $(ip netns list | grep -c "^$K_NS\b" | sed 's/^0$/yes/')"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

IMAGES=(
  "shopmesh:$TAG" registry.k8s.io/pause:3.10 "shopmesh.local/coredns:$COREDNS_VERSION"
  "shopmesh.local/redis:7.0" shopmesh.local/postgres:18-pgvector "shopmesh.local/kafka:${KAFKA_VERSION:-4.4.0}"
  "shopmesh.local/traefik:$TRAEFIK_VERSION"
)
for name in daprd operator injector sentry placement scheduler; do IMAGES+=("shopmesh.local/dapr/$name:$DAPR_VERSION"); done
# save_images: one archive for containerd, reused while no image changed (keyed by the image ids).
save_images() {
  local key
  key=$("${DOCKER[@]}" image inspect -f '{{.Id}}' "${IMAGES[@]}" | sha256sum | cut -c1-16)
  IMAGES_TAR="$CACHE/k8s/images-$key.tar"
  [[ -s "$IMAGES_TAR" ]] && return 0
  rm -f "$CACHE"/k8s/images-*.tar
  "${DOCKER[@]}" save -o "$IMAGES_TAR.tmp" "${IMAGES[@]}" && mv "$IMAGES_TAR.tmp" "$IMAGES_TAR"
}

step "images (private dockerd, --bridge=none, builds on the host network)"
timed "dockerd" dockerd_up || fail
timed "image: shopmesh:$TAG (the repo's Dockerfile)" env SMOKE=0 bash scripts/k8s/image.sh "$TAG" || fail
timed "images: pause coredns dapr traefik redis postgres kafka" bash scripts/k8s/cluster-images.sh "$SOCK" || fail
timed "images: saved for containerd" save_images || fail
dockerd_down

# --- the cluster
step "cluster: netns $K_NS, node $K_NODE_IP, pods $K_POD_CIDR, services $K_SVC_CIDR"
timed "cluster: netns, etcd, containerd" cluster_up || fail
timed "cluster: images imported into containerd" import_images "$IMAGES_TAR" || fail
timed "cluster: apiserver, controller-manager, scheduler" control_plane_up || fail
timed "cluster: kubelet, kube-proxy, node Ready" node_up || fail
timed "cluster: CoreDNS" dns_up || fail
k8s_ready_at=$SECONDS

step "Dapr $DAPR_VERSION control plane (its Helm chart from the Go module cache)"
# CPU requests for the control plane: Dapr's chart sets none, so its pods are BestEffort, whose cgroup
# gets cpu.shares 2 against the app pods' ~1350; on a busy node Sentry then answers a daprd's certificate
# request later than daprd's fixed 3s deadline and every sidecar fails its start.
# Memory requests follow what each uses here (last-memory.txt): the scheduler's embedded etcd holds
# about 185 MiB, the others 10-20 MiB.
dapr_requests=()
for component in dapr_sentry:100m:64Mi dapr_placement:50m:64Mi dapr_scheduler:50m:256Mi dapr_operator:50m:64Mi dapr_sidecar_injector:50m:64Mi; do
  IFS=: read -r name cpu memory <<<"$component"
  dapr_requests+=(--set "$name.resources.requests.cpu=$cpu" --set "$name.resources.requests.memory=$memory")
done
dapr_install() {
  # webhookFailurePolicy=Fail: a pod created while the injector restarts is retried by its ReplicaSet
  # instead of starting without daprd (the chart's default, Ignore, lets it through); limited to the
  # shopmesh namespace, so the injector's own pod (and the rest of the cluster) never waits on it.
  khelm upgrade --install dapr "$DAPR_CHART" --namespace dapr-system --create-namespace \
    --set global.registry=shopmesh.local/dapr --set global.tag="$DAPR_VERSION" --set global.logAsJson=true \
    --set dapr_scheduler.cluster.inMemoryStorage=true --set dapr_placement.cluster.forceInMemoryLog=true \
    --set dapr_sidecar_injector.webhookFailurePolicy=Fail \
    "${dapr_requests[@]}" \
    --set-json 'dapr_sidecar_injector.namespaceSelector={"matchLabels":{"kubernetes.io/metadata.name":"shopmesh"}}' \
    --post-renderer node --post-renderer-args --import --post-renderer-args tsx --post-renderer-args scripts/k8s/dapr-one-node.ts \
    --wait --timeout 15m
}
# Every daprd fetches its first certificate from Sentry within 15s (5 tries of 3s, fixed in daprd) and
# fails its start otherwise: the app pods are created only once the whole control plane is Ready.
dapr_ready() {
  kctl -n dapr-system wait --for=condition=Ready pod --all --timeout=900s >/dev/null &&
    kctl -n dapr-system get pods
}
timed "helm install dapr (one scheduler, patient probes: scripts/k8s/dapr-one-node.ts)" dapr_install || fail
timed "Dapr control plane Ready" dapr_ready || fail

step "ShopMesh: k8s/infra (Redis, Kafka, PostgreSQL, Traefik in the cluster), then charts/shopmesh"
infra_install() {
  hostpath_volumes 3 8Gi
  khelm upgrade --install shopmesh-infra k8s/infra --namespace shopmesh --create-namespace -f k8s/test/infra-values.yaml \
    --wait --timeout 15m
}
timed "helm install shopmesh-infra (with Traefik, IngressClass traefik)" infra_install || fail
timed "Dapr control plane still Ready" dapr_ready || fail
chart_install() {
  khelm upgrade --install shopmesh charts/shopmesh --namespace shopmesh -f k8s/test/values.yaml \
    --wait --timeout 20m
}
timed "helm install shopmesh" chart_install || {
  kctl -n shopmesh get pods -o wide
  fail
}

sidecars_injected() {
  local missing
  kctl wait --for=condition=Ready pod --all -A --timeout=600s >/dev/null || return 1
  missing=$(kctl -n shopmesh get pods -l app.kubernetes.io/component=service \
    -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.spec.containers[*].name}{" "}{.spec.initContainers[*].name}{"\n"}{end}' |
    grep -v ' daprd\b' || true)
  [[ -z "$missing" ]] || { klog "pods without a daprd sidecar: $missing"; return 1; }
  kctl get pods -A -o wide
}
timed "every pod Ready, daprd injected into every service" sidecars_injected || fail
installed_at=$SECONDS

GATEWAY_URL="http://$(kctl -n shopmesh get svc shopmesh-gateway -o jsonpath='{.spec.clusterIP}')"
# The Ingress's own address, which Traefik publishes in its status once it serves it.
ingress_admitted() {
  local ip
  ip=$(kctl -n shopmesh get ingress shopmesh -o jsonpath='{.status.loadBalancer.ingress[0].ip}') && [[ -n "$ip" ]] || return 1
  INGRESS_URL="http://$ip"
}
# get URL TYPE: 200 with that content type, from inside the cluster's network namespace.
get() {
  local out
  out=$(inns curl -sS -o /dev/null --max-time 20 -w '%{http_code} %{content_type}' "$1") || return 1
  [[ "$out" == "200 $2"* ]] || { klog "GET $1: $out, expected 200 $2"; return 1; }
  klog "GET $1: $out"
}
smoke() {
  wait_for "the Ingress admitted by Traefik" 180 ingress_admitted || { kctl -n shopmesh describe ingress shopmesh; return 1; }
  klog "the Ingress's address: $INGRESS_URL (IngressClass $(kctl -n shopmesh get ingress shopmesh -o jsonpath='{.spec.ingressClassName}'))"
  get "$GATEWAY_URL/api/v1/products" application/json && get "$INGRESS_URL/api/v1/products" application/json &&
    get "$INGRESS_URL/" text/html
}
step "the Ingress served by Traefik; a smoke through it and through the gateway's Service"
timed "Ingress admitted by Traefik; smoke via Ingress + gateway Service" smoke || fail
failed=0
step "end-to-end suite through the Ingress ($INGRESS_URL, Traefik); the orders pod is deleted mid-checkout"
e2e() {
  local k="$K_BIN/kubectl --kubeconfig $K_RUN/pki/admin.kubeconfig -n shopmesh"
  # The oldest of the two orders pods is deleted (it holds the saga's workflow actor unless placement
  # gave it to the other); the test then waits for the saga to take the approval on the survivor.
  inns env SHOPMESH_BASE_URL="$INGRESS_URL" SHOPMESH_E2E_APPROVAL_TIMEOUT_SECONDS=60 \
    SHOPMESH_RESTART_ORDERS_CMD="$k delete \$($k get pod -l app.kubernetes.io/name=orders --sort-by=.metadata.creationTimestamp -o name | head -1)" \
    timeout 1500 npx jest -c scripts/dapr/jest.config.js --verbose services/shop/test/e2e
}
# helm uninstall takes the services' pods and their logs with it: a failed suite keeps them as it left them.
keep_e2e_logs() {
  mkdir -p "$K_LOGS" && cp -r "$K_RUN/pod-logs" "$K_LOGS/after-e2e" && klog "the pods' logs as the suite left them: $K_LOGS/after-e2e"
}
rm -rf "$K_LOGS/after-e2e"
timed "e2e suite via the Ingress (orders pod deleted mid-checkout)" e2e || { failed=1; keep_e2e_logs; }

step "memory: working set of every container against its limit"
memory_report="$CACHE/k8s/last-memory.txt"
memory() {
  kctl get --raw "/api/v1/nodes/$K_NODE/proxy/stats/summary" >"$K_RUN/stats.json" &&
    kctl get pods -A -o json >"$K_RUN/pods.json" &&
    node --import tsx scripts/k8s/pod-memory.ts "$K_RUN/stats.json" "$K_RUN/pods.json" | tee "$memory_report"
}
timed "memory against limits" memory || failed=1

step "helm upgrade (a changed value rolls every Deployment) under a concurrent browse loop through the Ingress"
upgrade() {
  local status=0
  # exec all the way down (nsenter execs node): the pid is the loop's own, so SIGTERM reaches it and it
  # prints its counts, instead of a subshell's dying and leaving the loop running.
  (exec nsenter -t "$K_HOLDER" --mount --net --wd="$PWD" -- node --import tsx scripts/k8s/browse-loop.ts "$INGRESS_URL") \
    >"$K_RUN/logs/browse-loop.log" 2>&1 &
  loop_pid=$!
  sleep 5
  khelm upgrade shopmesh charts/shopmesh --namespace shopmesh -f k8s/test/values.yaml --set logLevel=debug \
    --wait --timeout 20m || status=1
  kctl -n shopmesh rollout status deploy --timeout=600s >/dev/null || status=1
  # Requests keep going while the last old pods drain.
  sleep 10
  kill -TERM "$loop_pid"
  wait "$loop_pid" || status=1
  loop_pid=""
  cat "$K_RUN/logs/browse-loop.log"
  [[ "$(kctl -n shopmesh get deploy shopmesh-gateway -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="LOG_LEVEL")].value}')" == debug ]] ||
    { klog "the upgrade did not reach the pods"; status=1; }
  return "$status"
}
timed "helm upgrade under load via the Ingress: no failed request" upgrade || failed=1

step "helm test"
# No --logs: the test pods are deleted once they succeed (hook-succeeded), before helm reads their logs.
timed "helm test (through the Ingress)" khelm test shopmesh --namespace shopmesh --timeout 10m || failed=1

step "helm uninstall"
uninstall() {
  local kinds left
  khelm uninstall shopmesh --namespace shopmesh --wait --timeout 10m || return 1
  # --wait covers the Deployments; their pods go with the ReplicaSets' garbage collection, after it.
  kctl -n shopmesh wait --for=delete pod -l app.kubernetes.io/instance=shopmesh --timeout=300s >/dev/null || return 1
  kinds=$(kctl api-resources --verbs=list -o name | paste -sd, -)
  left=$(kctl get "$kinds" -A -l app.kubernetes.io/instance=shopmesh -o name 2>/dev/null)
  [[ -z "$left" ]] || { klog "left behind by helm uninstall shopmesh: $left"; return 1; }
  left=$(kctl -n shopmesh get pods -o name -l app.kubernetes.io/part-of=shopmesh)
  [[ -z "$left" ]] || { klog "pods left: $left"; return 1; }
  # The infrastructure chart, its claims (kept by StatefulSets by design) and the namespace.
  khelm uninstall shopmesh-infra --namespace shopmesh --wait --timeout 10m || return 1
  kctl -n shopmesh delete pvc --all --wait=true >/dev/null || return 1
  kctl delete namespace shopmesh --wait=true --timeout=300s >/dev/null || return 1
  klog "nothing of the release is left (checked every listable kind); namespace shopmesh deleted"
}
timed "helm uninstall leaves nothing behind" uninstall || failed=1

report+=("$(printf '%-58s %5ss' 'time to a Ready cluster' "$k8s_ready_at")")
report+=("$(printf '%-58s %5ss' 'time to ShopMesh installed and Ready' "$installed_at")")
if [[ $failed -eq 0 ]]; then finish "k8s tier green"; else fail; fi
