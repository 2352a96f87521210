/**
 * A Helm post-renderer for Dapr's own chart on the one-node test cluster of `npm run test:k8s`: reads
 * the rendered manifests on stdin and writes them back with
 *   - the scheduler as one replica (the chart hard-codes three, an etcd cluster of three members
 *     electing leaders on the same two cores) with a one-member initial cluster;
 *   - every control-plane probe given time to answer on a loaded machine: the chart's probes keep
 *     Kubernetes' 1s timeout and a readiness period of 1s, so a busy node flaps Sentry's readiness,
 *     its Service loses its endpoint and every daprd fails to fetch its first certificate.
 *   node --import tsx scripts/k8s/dapr-one-node.ts < rendered.yaml > patched.yaml
 */
import { parseAllDocuments, stringify } from 'yaml';

type Probe = { timeoutSeconds?: number; periodSeconds?: number; failureThreshold?: number };
type Container = { name?: string; args?: string[]; livenessProbe?: Probe; readinessProbe?: Probe };
type Workload = {
  kind?: string;
  metadata?: { name?: string };
  spec?: { replicas?: number; template?: { spec?: { containers?: Container[] } } };
};

const SCHEDULER = 'dapr-scheduler-server';

export function patchDaprManifests(input: string): string {
  const docs = parseAllDocuments(input)
    .map((doc) => doc.toJS() as Workload | null)
    .filter((doc): doc is Workload => doc !== null && typeof doc === 'object');
  for (const doc of docs) {
    if (doc.kind !== 'Deployment' && doc.kind !== 'StatefulSet') continue;
    const containers = doc.spec?.template?.spec?.containers ?? [];
    if (doc.kind === 'StatefulSet' && doc.metadata?.name === SCHEDULER && doc.spec) {
      doc.spec.replicas = 1;
      for (const c of containers) {
        const at = c.args?.indexOf('--etcd-initial-cluster') ?? -1;
        if (c.args && at >= 0) c.args[at + 1] = c.args[at + 1]!.split(',')[0]!;
      }
    }
    for (const c of containers) {
      if (c.livenessProbe) Object.assign(c.livenessProbe, { timeoutSeconds: 10, failureThreshold: 12 });
      if (c.readinessProbe) Object.assign(c.readinessProbe, { timeoutSeconds: 10, periodSeconds: 5, failureThreshold: 6 });
    }
  }
  return docs.map((doc) => `---\n${stringify(doc)}`).join('');
}

if (require.main === module) {
  const chunks: Buffer[] = [];
  process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
  process.stdin.on('end', () => process.stdout.write(patchDaprManifests(Buffer.concat(chunks).toString('utf8'))));
}
