/**
 * Chart policy: what every rendering of charts/shopmesh (default, production-like, minimal values) and
 * of k8s/infra must hold, checked on helm's real output. Run by `npm run test:chart` (HELM set).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
  subjects?: { kind: string; name: string; namespace?: string }[];
};

const root = join(__dirname, '..', '..');
const helm = process.env.HELM ?? 'helm';
const daprApis = ['Component', 'Configuration', 'Resiliency'].flatMap((kind) => ['--api-versions', `dapr.io/v1alpha1/${kind}`]);

function helmRun(args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync(helm, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function render(chart: string, args: string[] = []): Manifest[] {
  const { ok, out } = helmRun(['template', 'shopmesh', chart, '--namespace', 'shopmesh', ...daprApis, ...args]);
  if (!ok) throw new Error(`helm template ${chart} ${args.join(' ')} failed:\n${out}`);
  return parseAllDocuments(out)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

const renderings: [string, Manifest[]][] = [
  ['default values', render('charts/shopmesh')],
  ['production-like values', render('charts/shopmesh', ['-f', 'charts/shopmesh/ci/production-values.yaml'])],
  ['minimal values', render('charts/shopmesh', ['-f', 'charts/shopmesh/ci/minimal-values.yaml'])],
  ['kind values', render('charts/shopmesh', ['-f', 'k8s/values-kind.yaml'])],
  ['dev infrastructure (k8s/infra)', render('k8s/infra')],
  ['dev infrastructure with its ingress controller', render('k8s/infra', ['--set', 'ingressController.enabled=true'])],
];

function podSpecs(manifests: Manifest[]): { owner: string; kind: string; pod: any }[] {
  return manifests.flatMap((m) => {
    if (m.kind === 'Pod') return [{ owner: `Pod/${m.metadata.name}`, kind: m.kind, pod: m.spec }];
    if (['Deployment', 'StatefulSet', 'Job'].includes(m.kind)) return [{ owner: `${m.kind}/${m.metadata.name}`, kind: m.kind, pod: m.spec.template.spec }];
    return [];
  });
}

const byKind = (manifests: Manifest[], kind: string): Manifest[] => manifests.filter((m) => m.kind === kind);

describe.each(renderings)('chart policy, %s', (_name, manifests) => {
  const pods = podSpecs(manifests);

  it('when rendered, then there are workloads to check', () => {
    expect(pods.length).toBeGreaterThan(0);
  });

  it('when any container is rendered, then it has memory requests and limits and a cpu request', () => {
    for (const { owner, pod } of pods) {
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect({ owner, container: c.name, resources: c.resources }).toEqual({
          owner,
          container: c.name,
          resources: expect.objectContaining({
            requests: expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
            limits: expect.objectContaining({ memory: expect.anything() }),
          }),
        });
      }
    }
  });

  it('when a long-running container is rendered, then it has liveness and readiness probes', () => {
    for (const { owner, kind, pod } of pods.filter((p) => p.kind === 'Deployment' || p.kind === 'StatefulSet')) {
      for (const c of pod.containers) {
        expect({ owner, kind, container: c.name, liveness: !!c.livenessProbe, readiness: !!c.readinessProbe }).toEqual({
          owner,
          kind,
          container: c.name,
          liveness: true,
          readiness: true,
        });
      }
    }
  });

  it('when a service Deployment is rendered, then a replaced pod drains for longer than daprd caches its address, inside its grace period', () => {
    // daprd's resolverCacheTTL (pkg/messaging/direct_messaging.go): callers keep dialling a replaced pod this long.
    const daprdAddressCacheSeconds = 20;
    for (const d of byKind(manifests, 'Deployment').filter((m) => m.spec.template.metadata.annotations?.['dapr.io/enabled'] === 'true')) {
      const pod = d.spec.template.spec;
      const app = pod.containers[0];
      const drain = Number(app.env.find((e: { name: string }) => e.name === 'SHUTDOWN_DRAIN_SECONDS')?.value ?? 0);
      const daprdBlock = Number.parseInt(d.spec.template.metadata.annotations['dapr.io/block-shutdown-duration'] ?? '0', 10);
      expect({
        deployment: d.metadata.name,
        drainsPastCache: drain > daprdAddressCacheSeconds,
        daprdOutlastsDrain: daprdBlock > drain,
        graceOutlastsDaprd: pod.terminationGracePeriodSeconds > daprdBlock,
      }).toEqual({
        deployment: d.metadata.name,
        drainsPastCache: true,
        daprdOutlastsDrain: true,
        graceOutlastsDaprd: true,
      });
    }
  });

  it('when any container is rendered, then it runs as non-root on a read-only root filesystem with no capabilities', () => {
    for (const { owner, pod } of pods) {
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        const sc = { ...pod.securityContext, ...c.securityContext };
        expect({
          owner,
          container: c.name,
          runAsNonRoot: sc.runAsNonRoot,
          readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
          allowPrivilegeEscalation: sc.allowPrivilegeEscalation,
          drop: sc.capabilities?.drop,
        }).toEqual({
          owner,
          container: c.name,
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          drop: ['ALL'],
        });
      }
    }
  });

  it('when any image is rendered, then it is pinned to a tag other than latest', () => {
    for (const { owner, pod } of pods) {
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect({ owner, image: c.image }).toEqual({ owner, image: expect.stringMatching(/^[^:@\s]+(:[^:\s]+)$/) });
        expect(c.image).not.toMatch(/:latest$/);
      }
    }
  });

  it('when a Deployment is rendered, then a PodDisruptionBudget selects its pods', () => {
    const pdbs = byKind(manifests, 'PodDisruptionBudget');
    for (const d of byKind(manifests, 'Deployment')) {
      const labels = d.spec.template.metadata.labels as Record<string, string>;
      const covering = pdbs.filter((p) => Object.entries(p.spec.selector.matchLabels as Record<string, string>).every(([k, v]) => labels[k] === v));
      expect({ deployment: d.metadata.name, pdbs: covering.length }).toEqual({ deployment: d.metadata.name, pdbs: 1 });
    }
  });
});

describe('chart policy, ShopMesh services', () => {
  const manifests = renderings[0]![1];
  const deployments = byKind(manifests, 'Deployment');

  it('when the defaults are rendered, then every service runs with a Dapr sidecar, its app token and the shop configuration', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
      ['cart', 'catalog', 'embeddings', 'gateway', 'identity', 'inventory', 'notifications', 'orders', 'payments'].map((s) => `shopmesh-${s}`),
    );
    for (const d of deployments) {
      const a = d.spec.template.metadata.annotations as Record<string, string>;
      const app = d.metadata.name.replace('shopmesh-', '');
      expect(a).toMatchObject({
        'dapr.io/enabled': 'true',
        'dapr.io/app-id': app,
        'dapr.io/app-port': '8080',
        'dapr.io/app-protocol': 'http',
        'dapr.io/config': 'shopmesh',
        'dapr.io/app-token-secret': 'shopmesh-app-token',
      });
      const env = d.spec.template.spec.containers[0].env as { name: string; valueFrom?: any }[];
      expect(env.find((e) => e.name === 'APP_API_TOKEN')?.valueFrom).toEqual({ secretKeyRef: { name: 'shopmesh-app-token', key: 'token' } });
      const container = d.spec.template.spec.containers[0];
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'management' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'management' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'management' });
      expect(container.ports).toContainEqual({ name: 'management', containerPort: 8081, protocol: 'TCP' });
      expect(env.find((e) => e.name === 'MANAGEMENT_PORT')).toEqual({ name: 'MANAGEMENT_PORT', value: '8081' });
      expect(a).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8081', 'dapr.io/app-health-check-path': '/dapr/healthz' });
      // A daprd still waiting for its certificate or components is slow, not dead: minutes, not Dapr's 18s.
      expect(Number(a['dapr.io/sidecar-liveness-probe-threshold']) * Number(a['dapr.io/sidecar-liveness-probe-period-seconds'])).toBeGreaterThanOrEqual(120);
    }
  });

  it('when a service has a database, then a migrate init container applies its migrations first', () => {
    const orders = deployments.find((d) => d.metadata.name === 'shopmesh-orders')!;
    expect(orders.spec.template.spec.initContainers[0]).toMatchObject({ name: 'migrate', args: ['migrate', 'orders'] });
    const cart = deployments.find((d) => d.metadata.name === 'shopmesh-cart')!;
    expect(cart.spec.template.spec.initContainers).toBeUndefined();
  });

  it('when the defaults are rendered, then stateless services autoscale and the workflow host does not', () => {
    const targets = byKind(manifests, 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
    expect(targets).toEqual(expect.arrayContaining(['shopmesh-gateway', 'shopmesh-catalog', 'shopmesh-cart']));
    expect(targets).not.toContain('shopmesh-orders');
  });

  it('when NetworkPolicies are rendered, then only the gateway takes API traffic from outside the shop, others only from sidecars, and management only from the metrics namespaces', () => {
    const policies = byKind(manifests, 'NetworkPolicy');
    expect(policies).toHaveLength(deployments.length);
    for (const p of policies) {
      const ports = (p.spec.ingress as { ports: { port: number }[] }[]).flatMap((r) => r.ports.map((x) => x.port));
      expect(ports).toEqual(p.metadata.name === 'shopmesh-gateway' ? [50002, 8081, 8080] : [50002, 8081]);
    }
  });

  it('when the Ingress and the HTTPRoute are rendered, then / and /api both reach the gateway', () => {
    const kind = renderings[3]![1];
    const ingress = byKind(kind, 'Ingress')[0]!;
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name])).toEqual([
      ['/api', 'shopmesh-gateway'],
      ['/', 'shopmesh-gateway'],
    ]);
    const route = byKind(kind, 'HTTPRoute')[0]!;
    expect(route.spec.rules.map((r: any) => [r.matches[0].path.value, r.backendRefs[0].name])).toEqual([
      ['/api', 'shopmesh-gateway'],
      ['/', 'shopmesh-gateway'],
    ]);
    expect(byKind(kind, 'Gateway')[0]!.spec.gatewayClassName).toBe('cloud-provider-kind');
  });

  it('when the shop has a public address, then identity mails links to it: publicUrl, else the Ingress host, else its own default', () => {
    const publicUrlOf = (args: string[]) =>
      (
        byKind(render('charts/shopmesh', args), 'Deployment').find((d) => d.metadata.name === 'shopmesh-identity')!.spec.template.spec.containers[0].env as {
          name: string;
          value?: string;
        }[]
      ).find((e) => e.name === 'SHOPMESH_PUBLIC_URL')?.value;
    expect(publicUrlOf([])).toBeUndefined();
    expect(publicUrlOf(['--set', 'ingress.host=shop.example.com'])).toBe('http://shop.example.com');
    expect(publicUrlOf(['--set', 'ingress.host=shop.example.com', '--set', 'ingress.tls[0].secretName=shop-tls'])).toBe('https://shop.example.com');
    expect(publicUrlOf(['--set', 'ingress.host=shop.example.com', '--set', 'publicUrl=https://www.example.com'])).toBe('https://www.example.com');
    expect(helmRun(['template', 'shopmesh', 'charts/shopmesh', ...daprApis, '--set', 'publicUrl=shop.example.com'])).toMatchObject({
      ok: false,
      out: expect.stringMatching(/publicUrl/),
    });
  });

  it('when Dapr resources are rendered, then they come from dapr/ with the cluster addresses', () => {
    const components = Object.fromEntries(byKind(manifests, 'Component').map((c) => [c.metadata.name, c.spec]));
    expect(Object.keys(components).sort()).toEqual(['email', 'pubsub', 'secretstore', 'statestore']);
    expect(components.statestore.metadata).toEqual(
      expect.arrayContaining([
        { name: 'actorStateStore', value: 'true' },
        { name: 'redisHost', value: 'shopmesh-redis:6379' },
      ]),
    );
    expect(components.pubsub).toMatchObject({ type: 'pubsub.kafka' });
    expect(components.pubsub.metadata).toContainEqual({ name: 'brokers', value: 'shopmesh-kafka:9092' });
    expect(components.secretstore).toEqual({ type: 'secretstores.kubernetes', version: 'v1', initTimeout: '30s', metadata: [] });
    const source = parse(readFileSync(join(root, 'dapr', 'resiliency.yaml'), 'utf8')) as { spec: unknown };
    expect(byKind(manifests, 'Resiliency')[0]!.spec).toEqual(source.spec);
    const config = parse(readFileSync(join(root, 'dapr', 'config.yaml'), 'utf8')) as { spec: unknown };
    expect(byKind(manifests, 'Configuration')[0]!.spec).toEqual(config.spec);
  });

  it('when production values name external services and secrets, then components read credentials from Secrets', () => {
    const prod = renderings[1]![1];
    const email = byKind(prod, 'Component').find((c) => c.metadata.name === 'email')!;
    expect(email.spec.type).toBe('bindings.smtp');
    expect(email.spec.metadata).toContainEqual({ name: 'password', secretKeyRef: { name: 'shopmesh-smtp', key: 'password' } });
    expect(byKind(prod, 'Secret')).toHaveLength(0);
  });
});

describe('chart policy, values schema and preflight', () => {
  it('when a values key is misspelt, then helm refuses to render and names the key', () => {
    const typos: [string, string][] = [
      ['services.gateway.replicaz=2', 'replicaz'],
      ['ingres.enabled=true', 'ingres'],
      ['dapr.components.statestore.metdata.redisHost=x', 'metdata'],
    ];
    for (const [typo, key] of typos) {
      const { ok, out } = helmRun(['template', 'shopmesh', 'charts/shopmesh', ...daprApis, '--set', typo]);
      expect({ typo, ok }).toEqual({ typo, ok: false });
      expect(out).toContain(`additional properties '${key}' not allowed`);
    }
  });

  it('when the image tag is latest, then helm refuses to render', () => {
    const { ok, out } = helmRun(['template', 'shopmesh', 'charts/shopmesh', ...daprApis, '--set', 'image.tag=latest']);
    expect(ok).toBe(false);
    expect(out).toContain("at '/image/tag'");
  });

  it('when the cluster has no Dapr CRDs, then the install fails saying Dapr must be installed first', () => {
    const { ok, out } = helmRun(['template', 'shopmesh', 'charts/shopmesh']);
    expect(ok).toBe(false);
    expect(out).toContain('PREFLIGHT FAILED');
    expect(out).toContain('helm upgrade --install dapr dapr/dapr --version 1.18.2');
  });

  it('when every object of the schema is walked, then each declares additionalProperties', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as Record<string, unknown>;
      if (n.type === 'object' && !('additionalProperties' in n)) missing.push(path);
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    for (const file of ['charts/shopmesh/values.schema.json', 'k8s/infra/values.schema.json']) walk(JSON.parse(readFileSync(join(root, file), 'utf8')), file);
    expect(missing).toEqual([]);
  });
});

describe('chart policy, dev infrastructure', () => {
  const infra = renderings[4]![1];

  it('when k8s/infra is rendered, then Redis, Kafka and PostgreSQL are StatefulSets with volume claims', () => {
    const sets = byKind(infra, 'StatefulSet');
    expect(sets.map((s) => s.metadata.name).sort()).toEqual(['shopmesh-kafka', 'shopmesh-postgres', 'shopmesh-redis']);
    for (const s of sets) expect(s.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBeDefined();
    expect(sets.find((s) => s.metadata.name === 'shopmesh-kafka')!.spec.template.spec.containers[0].image).toMatch(/^apache\/kafka:/);
    expect(sets.find((s) => s.metadata.name === 'shopmesh-postgres')!.spec.template.spec.containers[0].image).toMatch(/^pgvector\/pgvector:/);
  });

  it('when the ingress controller is left off, then k8s/infra renders no IngressClass and no RBAC', () => {
    expect(infra.filter((m) => ['IngressClass', 'Role', 'ClusterRole', 'Deployment'].includes(m.kind))).toEqual([]);
  });

  describe('with its ingress controller on', () => {
    const withController = renderings[5]![1];
    const traefik = byKind(withController, 'Deployment').find((d) => d.metadata.name === 'shopmesh-traefik')!;

    it('when rendered, then Traefik serves the IngressClass traefik from this namespace only', () => {
      expect(byKind(withController, 'IngressClass').map((c) => [c.metadata.name, c.spec.controller])).toEqual([['traefik', 'traefik.io/ingress-controller']]);
      const args = traefik.spec.template.spec.containers[0].args as string[];
      expect(args).toEqual(
        expect.arrayContaining([
          '--providers.kubernetesIngress=true',
          '--providers.kubernetesIngress.namespaces=shopmesh',
          '--providers.kubernetesIngress.ingressClass=traefik',
          '--providers.kubernetesIngress.ingressEndpoint.publishedService=shopmesh/shopmesh-traefik',
        ]),
      );
      expect(args.filter((a) => a.startsWith('--providers.') && !a.startsWith('--providers.kubernetesIngress'))).toEqual([]);
      expect(args.some((a) => a.startsWith('--api'))).toBe(false);
    });

    it('when rendered, then its RBAC is what the Ingress provider reads: namespaced, read-only but the Ingress status, cluster-wide only IngressClasses and Nodes', () => {
      const rules = (kind: string) =>
        byKind(withController, kind).flatMap((r) =>
          (r.rules ?? []).flatMap((rule) =>
            rule.resources.map((res) => `${rule.apiGroups[0] ? `${rule.apiGroups[0]}/` : ''}${res}: ${[...rule.verbs].sort().join(',')}`),
          ),
        );
      expect(rules('Role').sort()).toEqual([
        'discovery.k8s.io/endpointslices: list,watch',
        'networking.k8s.io/ingresses/status: update',
        'networking.k8s.io/ingresses: list,watch',
        'secrets: list,watch',
        'services: list,watch',
      ]);
      expect(rules('ClusterRole').sort()).toEqual(['networking.k8s.io/ingressclasses: list,watch', 'nodes: list,watch']);
      const bindings = [...byKind(withController, 'RoleBinding'), ...byKind(withController, 'ClusterRoleBinding')];
      expect(bindings.map((b) => b.subjects)).toEqual([
        [{ kind: 'ServiceAccount', name: 'shopmesh-traefik', namespace: 'shopmesh' }],
        [{ kind: 'ServiceAccount', name: 'shopmesh-traefik', namespace: 'shopmesh' }],
      ]);
      expect(traefik.spec.template.spec.serviceAccountName).toBe('shopmesh-traefik');
    });

    it('when the test cluster values are rendered, then the gateway takes HTTP from the Traefik pods through the Ingress of class traefik', () => {
      const shop = render('charts/shopmesh', ['-f', 'k8s/test/values.yaml']);
      expect(byKind(shop, 'Ingress')[0]!.spec.ingressClassName).toBe('traefik');
      const policy = byKind(shop, 'NetworkPolicy').find((p) => p.metadata.name === 'shopmesh-gateway')!;
      const http = (policy.spec.ingress as { from: any[]; ports: { port: number }[] }[]).find((r) => r.ports.some((p) => p.port === 8080))!;
      const podLabels = traefik.spec.template.metadata.labels as Record<string, string>;
      const namespaceLabels: Record<string, string> = { 'kubernetes.io/metadata.name': 'shopmesh' };
      const matches = (selector: { matchLabels?: Record<string, string> }, labels: Record<string, string>) =>
        Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
      const admitted = http.from.some(
        (peer) => peer.namespaceSelector && matches(peer.namespaceSelector, namespaceLabels) && matches(peer.podSelector, podLabels),
      );
      expect(admitted).toBe(true);
      expect(
        http.from.some(
          (peer) =>
            peer.namespaceSelector && matches(peer.namespaceSelector, namespaceLabels) && matches(peer.podSelector, { 'app.kubernetes.io/name': 'other' }),
        ),
      ).toBe(false);
    });
  });
});
