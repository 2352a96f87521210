/**
 * Every container's memory on the test cluster against its limit, from the kubelet's stats summary
 * (working set: what the OOM killer and the eviction manager look at) and the pods' specs.
 *   node --import tsx scripts/k8s/pod-memory.ts STATS_SUMMARY_JSON PODS_JSON
 * Prints one line per container, highest share of its limit first; exits 1 when any container is above
 * 90% of its limit (a limit that tight gets the pod OOM-killed under load).
 */
import { readFileSync } from 'node:fs';

interface Summary {
  pods: { podRef: { name: string; namespace: string }; containers?: { name: string; memory?: { workingSetBytes?: number } }[] }[];
}
interface Container {
  name: string;
  resources?: { limits?: { memory?: string }; requests?: { memory?: string } };
}
interface Pods {
  items: { metadata: { name: string; namespace: string }; spec: { containers: Container[]; initContainers?: (Container & { restartPolicy?: string })[] } }[];
}

const UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
function bytes(quantity: string | undefined): number | undefined {
  const match = quantity?.match(/^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/);
  return match ? Number(match[1]) * UNITS[match[2] ?? ''] : undefined;
}
const mib = (n: number | undefined): string => (n === undefined ? '-' : `${(n / 1024 ** 2).toFixed(0)}Mi`);

const [statsFile, podsFile] = process.argv.slice(2);
if (!statsFile || !podsFile) {
  process.stderr.write('usage: pod-memory.ts STATS_SUMMARY_JSON PODS_JSON\n');
  process.exit(2);
}
const summary = JSON.parse(readFileSync(statsFile, 'utf8')) as Summary;
const pods = JSON.parse(readFileSync(podsFile, 'utf8')) as Pods;
const specs = new Map<string, Container>();
for (const pod of pods.items) {
  // Native sidecars (Dapr's daprd may be one) are init containers that keep running.
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((i) => i.restartPolicy === 'Always')]) {
    specs.set(`${pod.metadata.namespace}/${pod.metadata.name}/${c.name}`, c);
  }
}
const rows = summary.pods.flatMap((pod) =>
  (pod.containers ?? []).map((c) => {
    const key = `${pod.podRef.namespace}/${pod.podRef.name}/${c.name}`;
    const spec = specs.get(key);
    const used = c.memory?.workingSetBytes ?? 0;
    const limit = bytes(spec?.resources?.limits?.memory);
    return { key, used, request: bytes(spec?.resources?.requests?.memory), limit, share: limit ? used / limit : 0 };
  }),
);
rows.sort((a, b) => b.share - a.share);
const width = Math.max(...rows.map((r) => r.key.length));
process.stdout.write(`${'namespace/pod/container'.padEnd(width)}  working-set  request    limit  of-limit\n`);
for (const r of rows) {
  const share = r.limit ? `${(r.share * 100).toFixed(0)}%` : 'no limit';
  process.stdout.write(
    `${r.key.padEnd(width)}  ${mib(r.used).padStart(11)}  ${mib(r.request).padStart(7)}  ${mib(r.limit).padStart(7)}  ${share.padStart(8)}\n`,
  );
}
const total = rows.reduce((sum, r) => sum + r.used, 0);
process.stdout.write(`total working set: ${mib(total)} in ${rows.length} containers\n`);
const tight = rows.filter((r) => r.share > 0.9);
if (tight.length > 0) {
  process.stderr.write(`above 90% of their memory limit: ${tight.map((r) => r.key).join(', ')}\n`);
  process.exit(1);
}
