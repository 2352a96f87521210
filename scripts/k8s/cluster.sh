#!/usr/bin/env bash
# A real single-node Kubernetes cluster that lives entirely inside a network namespace of its own, for
# scripts/k8s/test-k8s.sh (source this file; it defines functions and the K_* variables).
#
# Layout: `ip netns add shopmesh-k8s`, with a veth pair inside it carrying the node address 10.250.0.1
# (the apiserver refuses a loopback advertise address), pods on a bridge (cni0, 10.244.0.0/24) and
# services on 10.96.0.0/16, all inside that namespace: kube-proxy's iptables rules are the namespace's,
# nothing is bound or routed on the host. Every component runs in that network namespace AND in one
# private mount namespace (a holder process made by `unshare --mount`), so the kubelet's and
# containerd's mounts vanish with it. Pods run under the cgroup /shopmesh-k8s. cluster_down kills, by
# pid, every process of the namespace and of that cgroup, then deletes the mount namespace, the cgroups,
# the network namespace (its iptables rules with it) and the run directory.
#
# Components: etcd, containerd, runc and the CNI plugins from Debian; kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet, kube-proxy and kubectl v1.37.2 built from Go modules
# (scripts/k8s/cluster-bin.sh); CoreDNS as a Deployment. Certificates are made with openssl per run.

K_NS=shopmesh-k8s
K_NODE=shopmesh-node
K_NODE_IP=10.250.0.1
K_POD_CIDR=10.244.0.0/24
K_SVC_CIDR=10.96.0.0/16
K_DNS_IP=10.96.0.10
K_RUN="${K_RUN:-/var/tmp/shopmesh-k8s}"
K_CGROUP=shopmesh-k8s
K_LOGS="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}/k8s/last-run"
K_HOLDER=""
K_PIDS=()
K_CONTROLLERS=(cpu cpuacct cpuset memory devices freezer blkio pids systemd unified)

klog() { printf '[k8s %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# inns CMD...: runs a command in the cluster's network and mount namespaces.
# (--wd: entering a mount namespace otherwise leaves the command in /.)
inns() { nsenter -t "$K_HOLDER" --mount --net --wd="$PWD" -- "$@"; }
kctl() { inns "$K_BIN/kubectl" --kubeconfig "$K_RUN/pki/admin.kubeconfig" "$@"; }
khelm() { inns env KUBECONFIG="$K_RUN/pki/admin.kubeconfig" HELM_CACHE_HOME="$K_RUN/helm/cache" \
  HELM_CONFIG_HOME="$K_RUN/helm/config" HELM_DATA_HOME="$K_RUN/helm/data" "$HELM" "$@"; }

# start NAME CMD...: a component in the background, its output in $K_RUN/logs/NAME.log.
start() {
  local name=$1
  shift
  (exec nsenter -t "$K_HOLDER" --mount --net -- "$@") >"$K_RUN/logs/$name.log" 2>&1 &
  K_PIDS+=($!)
  printf '%s\n' "$!" >"$K_RUN/$name.pid"
}

wait_for() {
  local what=$1 tries=$2
  shift 2
  for _ in $(seq 1 "$tries"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  klog "timed out waiting for $what"
  return 1
}

pki() {
  local d=$K_RUN/pki
  mkdir -p "$d"
  (
    cd "$d"
    key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
    key ca
    openssl req -x509 -new -key ca.key -sha256 -days 2 -subj /CN=shopmesh-k8s-ca -out ca.crt 2>/dev/null
    # sign NAME SUBJECT EXTENSIONS
    sign() {
      key "$1"
      openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
      printf '%s\n' "$3" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -sha256 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
    }
    sign apiserver /CN=kube-apiserver "$(printf '%s\n' 'keyUsage=critical,digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' \
      "subjectAltName=IP:$K_NODE_IP,IP:10.96.0.1,IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local")"
    # One client identity for the control plane, the kubelet, kube-proxy and the test (system:masters):
    # this cluster lives for one test run.
    sign admin '/O=system:masters/CN=kubernetes-admin' "$(printf '%s\n' 'keyUsage=critical,digitalSignature,keyEncipherment' 'extendedKeyUsage=clientAuth')"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key 2>/dev/null
    openssl pkey -in sa.key -pubout -out sa.pub 2>/dev/null
    cat >admin.kubeconfig <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: shopmesh
    cluster: { server: 'https://$K_NODE_IP:6443', certificate-authority-data: '$(base64 -w0 ca.crt)' }
users:
  - name: admin
    user: { client-certificate-data: '$(base64 -w0 admin.crt)', client-key-data: '$(base64 -w0 admin.key)' }
contexts:
  - name: shopmesh
    context: { cluster: shopmesh, user: admin }
current-context: shopmesh
EOF
  )
}

network() {
  ip netns add "$K_NS"
  ip netns exec "$K_NS" sh -euc "
    ip link set lo up
    ip link add k8s0 type veth peer name k8s0-peer
    ip addr add $K_NODE_IP/24 dev k8s0
    ip link set k8s0 up
    ip link set k8s0-peer up
    ip route add default via 10.250.0.254 dev k8s0 onlink
    sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 net.ipv4.conf.all.route_localnet=1
  "
  # The holder of the private mount namespace every component shares; it sits in the network namespace.
  # Inside it, tmpfs over the host paths containerd and the kubelet write to regardless of their
  # settings (pod network namespaces' mount points, shim sockets, /var/log/containers), so nothing
  # of them is left on the host.
  mkdir -p /run/containerd
  # nsenter, not `ip netns exec`: that remounts /sys, hiding the cgroup hierarchies the kubelet needs.
  nsenter --net="/run/netns/$K_NS" unshare --mount --propagation private -- sh -c \
    'for d in /run/netns /run/containerd /var/log; do mount -t tmpfs -o mode=0755 shopmesh-k8s "$d"; done; exec sleep infinity' &
  K_HOLDER=$!
  K_PIDS+=("$K_HOLDER")
  # nsenter and unshare exec without forking: the pid becomes `sleep` once the tmpfs are mounted.
  wait_for "the namespace holder" 30 grep -qx sleep "/proc/$K_HOLDER/comm"
  printf '%s\n' "$K_HOLDER" >"$K_RUN/holder.pid"
}

cgroups() {
  local c
  for c in "${K_CONTROLLERS[@]}"; do
    [[ -d /sys/fs/cgroup/$c ]] || continue
    mkdir -p "/sys/fs/cgroup/$c/$K_CGROUP"
  done
  if [[ -d /sys/fs/cgroup/cpuset/$K_CGROUP ]]; then
    cat /sys/fs/cgroup/cpuset/cpuset.cpus >"/sys/fs/cgroup/cpuset/$K_CGROUP/cpuset.cpus"
    cat /sys/fs/cgroup/cpuset/cpuset.mems >"/sys/fs/cgroup/cpuset/$K_CGROUP/cpuset.mems"
  fi
}

etcd_up() {
  start etcd /usr/bin/etcd --name shopmesh --data-dir "$K_RUN/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster shopmesh=http://127.0.0.1:2380 --quota-backend-bytes 2147483648
  wait_for etcd 60 inns curl -sf http://127.0.0.1:2379/health
}

containerd_up() {
  mkdir -p "$K_RUN/containerd" "$K_RUN/cni/net.d" "$K_RUN/cni/ipam"
  cat >"$K_RUN/containerd/config.toml" <<EOF
version = 2
root = "$K_RUN/containerd/root"
state = "$K_RUN/containerd/state"
[grpc]
  address = "$K_RUN/containerd/containerd.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$K_RUN/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  # No CAP_SYS_RESOURCE in this VM: containers may only raise their OOM score.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$K_RUN/cni/net.d"
EOF
  cat >"$K_RUN/cni/net.d/10-shopmesh.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "shopmesh",
  "plugins": [
    { "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": { "type": "host-local", "dataDir": "$K_RUN/cni/ipam",
                "ranges": [[{ "subnet": "$K_POD_CIDR" }]], "routes": [{ "dst": "0.0.0.0/0" }] } },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
  start containerd /usr/bin/containerd --config "$K_RUN/containerd/config.toml"
  wait_for containerd 60 inns /usr/bin/ctr -a "$K_RUN/containerd/containerd.sock" version
}

# import_images TAR: images saved by the private dockerd, loaded into the CRI's namespace.
import_images() {
  inns /usr/bin/ctr -a "$K_RUN/containerd/containerd.sock" -n k8s.io images import --no-unpack=false "$1" >/dev/null
}

control_plane_up() {
  local p=$K_RUN/pki
  start kube-apiserver "$K_BIN/kube-apiserver" --advertise-address "$K_NODE_IP" --bind-address 0.0.0.0 --secure-port 6443 \
    --etcd-servers http://127.0.0.1:2379 --service-cluster-ip-range "$K_SVC_CIDR" \
    --client-ca-file "$p/ca.crt" --tls-cert-file "$p/apiserver.crt" --tls-private-key-file "$p/apiserver.key" \
    --kubelet-client-certificate "$p/admin.crt" --kubelet-client-key "$p/admin.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local --service-account-key-file "$p/sa.pub" \
    --service-account-signing-key-file "$p/sa.key" --authorization-mode Node,RBAC --allow-privileged=true \
    --enable-admission-plugins NodeRestriction --profiling=false \
    --kubelet-preferred-address-types InternalIP
  wait_for kube-apiserver 180 kctl get --raw /readyz
  start kube-controller-manager "$K_BIN/kube-controller-manager" --kubeconfig "$p/admin.kubeconfig" \
    --authentication-kubeconfig "$p/admin.kubeconfig" --authorization-kubeconfig "$p/admin.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials=true \
    --service-account-private-key-file "$p/sa.key" --root-ca-file "$p/ca.crt" \
    --cluster-signing-cert-file "$p/ca.crt" --cluster-signing-key-file "$p/ca.key" --service-cluster-ip-range "$K_SVC_CIDR"
  start kube-scheduler "$K_BIN/kube-scheduler" --kubeconfig "$p/admin.kubeconfig" \
    --authentication-kubeconfig "$p/admin.kubeconfig" --authorization-kubeconfig "$p/admin.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false
}

node_up() {
  local p=$K_RUN/pki
  mkdir -p "$K_RUN/kubelet"
  printf 'nameserver %s\n' "$K_DNS_IP" >"$K_RUN/resolv.conf"
  cat >"$K_RUN/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $p/ca.crt }
authorization: { mode: Webhook }
# This VM has cgroup v1 only.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /$K_CGROUP
failSwapOn: false
containerRuntimeEndpoint: unix://$K_RUN/containerd/containerd.sock
clusterDNS: [$K_DNS_IP]
clusterDomain: cluster.local
resolvConf: $K_RUN/resolv.conf
podLogsDir: $K_RUN/pod-logs
volumePluginDir: $K_RUN/kubelet/volume-plugins
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
serializeImagePulls: false
# The images exist only in containerd's store: they must never be garbage-collected.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: { memory.available: 200Mi, nodefs.available: 2%, imagefs.available: 2% }
EOF
  start kubelet "$K_BIN/kubelet" --config "$K_RUN/kubelet/config.yaml" --kubeconfig "$p/admin.kubeconfig" \
    --root-dir "$K_RUN/kubelet/root" --cert-dir "$K_RUN/kubelet/pki" --hostname-override "$K_NODE" --node-ip "$K_NODE_IP"
  cat >"$K_RUN/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection: { kubeconfig: $p/admin.kubeconfig }
hostnameOverride: $K_NODE
clusterCIDR: 10.244.0.0/16
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# The namespace's conntrack table is the host's: leave its sysctls alone.
conntrack: { maxPerCore: 0 }
EOF
  start kube-proxy "$K_BIN/kube-proxy" --config "$K_RUN/kube-proxy.yaml"
  wait_for "node $K_NODE Ready" 180 kctl wait --for=condition=Ready "node/$K_NODE" --timeout=1s &&
    wait_for "the default service account" 120 kctl -n default get serviceaccount default
}

dns_up() {
  kctl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: ServiceAccount
metadata: { name: coredns, namespace: kube-system }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: system:coredns }
rules:
  - { apiGroups: [''], resources: [endpoints, services, pods, namespaces], verbs: [list, watch] }
  - { apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: system:coredns }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:coredns }
subjects: [{ kind: ServiceAccount, name: coredns, namespace: kube-system }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: coredns, namespace: kube-system }
data:
  # Cluster names only: nothing outside the cluster is reachable from it.
  Corefile: |
    .:1053 {
        errors
        health :8080
        ready :8181
        kubernetes cluster.local in-addr.arpa ip6.arpa {
            pods insecure
            fallthrough in-addr.arpa ip6.arpa
        }
        cache 30
        loop
        reload
    }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: coredns, namespace: kube-system, labels: { k8s-app: kube-dns } }
spec:
  replicas: 1
  selector: { matchLabels: { k8s-app: kube-dns } }
  template:
    metadata: { labels: { k8s-app: kube-dns } }
    spec:
      serviceAccountName: coredns
      dnsPolicy: Default
      containers:
        - name: coredns
          image: shopmesh.local/coredns:$COREDNS_VERSION
          imagePullPolicy: Never
          # An unprivileged port: the container has no capabilities.
          args: [-conf, /etc/coredns/Corefile]
          ports:
            - { name: dns, containerPort: 1053, protocol: UDP }
            - { name: dns-tcp, containerPort: 1053, protocol: TCP }
          readinessProbe: { httpGet: { path: /ready, port: 8181 } }
          livenessProbe: { httpGet: { path: /health, port: 8080 } }
          resources: { requests: { cpu: 20m, memory: 32Mi }, limits: { memory: 128Mi } }
          securityContext: { runAsNonRoot: true, runAsUser: 65532, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
          volumeMounts: [{ name: config, mountPath: /etc/coredns }]
      volumes: [{ name: config, configMap: { name: coredns } }]
---
apiVersion: v1
kind: Service
metadata: { name: kube-dns, namespace: kube-system, labels: { k8s-app: kube-dns } }
spec:
  clusterIP: $K_DNS_IP
  selector: { k8s-app: kube-dns }
  ports:
    - { name: dns, port: 53, targetPort: 1053, protocol: UDP }
    - { name: dns-tcp, port: 53, targetPort: 1053, protocol: TCP }
EOF
  kctl -n kube-system rollout status deploy/coredns --timeout=300s >/dev/null
}

# hostpath_volumes N SIZE: PersistentVolumes on the node's disk for the StatefulSets' claims (a
# one-node test cluster has no provisioner).
hostpath_volumes() {
  local i
  for i in $(seq 1 "$1"); do
    mkdir -p "$K_RUN/volumes/pv$i"
    chmod 0777 "$K_RUN/volumes/pv$i"
    kctl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolume
metadata: { name: shopmesh-pv$i }
spec:
  capacity: { storage: $2 }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  hostPath: { path: $K_RUN/volumes/pv$i, type: Directory }
EOF
  done
}

cluster_up() {
  rm -rf "$K_RUN"
  mkdir -p "$K_RUN/logs"
  pki && network && cgroups && etcd_up && containerd_up
}

# pids_in_cgroup: every process under the pods' cgroup.
pids_in_cgroup() {
  find "/sys/fs/cgroup/memory/$K_CGROUP" "/sys/fs/cgroup/pids/$K_CGROUP" -name cgroup.procs 2>/dev/null | xargs -r cat | sort -u
}
# pids_in_netns: every process whose network namespace is the cluster's (the components, containerd's
# shims, host-network pods).
pids_in_netns() {
  local want pid
  want=$(stat -L -c %i "/run/netns/$K_NS" 2>/dev/null) || return 0
  for pid in /proc/[0-9]*; do
    [[ "$(stat -L -c %i "$pid/ns/net" 2>/dev/null)" == "$want" ]] && printf '%s\n' "${pid#/proc/}"
  done
  return 0
}

cluster_down() {
  local pid round c
  mkdir -p "$K_LOGS"
  [[ -d "$K_RUN/logs" ]] && cp "$K_RUN"/logs/*.log "$K_LOGS/" 2>/dev/null
  # The pods' own logs (daprd, the control plane, the services), for what failed inside the cluster.
  rm -rf "$K_LOGS/pods"
  [[ -d "$K_RUN/pod-logs" ]] && cp -r "$K_RUN/pod-logs" "$K_LOGS/pods" 2>/dev/null
  for round in 1 2 3 4 5; do
    # Pods first (their processes), then what is left in the namespace: the components by their pids.
    for pid in $(pids_in_cgroup) $(pids_in_netns) "${K_PIDS[@]}"; do
      [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
      kill -KILL "$pid" 2>/dev/null || true
    done
    sleep 1
    [[ -z "$(pids_in_cgroup)$(pids_in_netns)" ]] && break
  done
  for pid in "${K_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for c in "${K_CONTROLLERS[@]}"; do
    [[ -d "/sys/fs/cgroup/$c/$K_CGROUP" ]] || continue
    find "/sys/fs/cgroup/$c/$K_CGROUP" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
  ip netns del "$K_NS" 2>/dev/null || true
  # The mounts lived in the holder's mount namespace; nothing of the run directory is mounted here.
  if grep -q " $K_RUN" /proc/self/mounts; then
    grep " $K_RUN" /proc/self/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  fi
  rm -rf "$K_RUN"
}
