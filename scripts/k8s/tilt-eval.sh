#!/usr/bin/env bash
# Evaluates the Tiltfile with real Tilt (`tilt alpha tiltfile-result`: runs it, helm() included, without
# deploying anything) and checks what it declares: the image with its live updates, the workloads, the
# Dapr resource group and the gateway's port-forward. Tilt needs a kube context named as the Tiltfile
# allows; a throwaway kubeconfig names one on a loopback port nothing listens on (nothing is contacted).
#   scripts/k8s/tilt-eval.sh TILT_BINARY
set -euo pipefail
cd "$(dirname "$0")/../.."
tilt=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/kubeconfig" <<'YAML'
apiVersion: v1
kind: Config
clusters: [{ name: kind-shopmesh, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: kind-shopmesh, user: { token: none } }]
contexts: [{ name: kind-shopmesh, context: { cluster: kind-shopmesh, user: kind-shopmesh, namespace: shopmesh } }]
current-context: kind-shopmesh
YAML
export PATH="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}/bin:$PATH" KUBECONFIG="$work/kubeconfig" TILT_DISABLE_ANALYTICS=1
HOME="$work" "$tilt" alpha tiltfile-result -f Tiltfile >"$work/result.json"
node - "$work/result.json" <<'JS'
const result = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const text = JSON.stringify(result);
const names = (result.Manifests ?? []).map((m) => m.Name);
const expected = ['shopmesh-gateway', 'shopmesh-catalog', 'shopmesh-orders', 'shopmesh-postgres', 'shopmesh-redis', 'shopmesh-kafka', 'dapr-resources', 'shopmesh-config'];
const problems = expected.filter((n) => !names.includes(n)).map((n) => `no resource ${n}`);
if (names.includes('uncategorized')) problems.push('objects left uncategorized');
for (const needle of ['/app/services', '/app/web', 'npm ci --no-audit --no-fund', 'package-lock.json', '8080']) {
  if (!text.includes(needle)) problems.push(`nothing declares ${needle}`);
}
if (problems.length) {
  process.stderr.write(`Tiltfile result: ${problems.join('; ')}\nresources: ${names.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(`Tiltfile evaluated by Tilt: ${names.length} resources (${names.join(', ')})\n`);
JS
