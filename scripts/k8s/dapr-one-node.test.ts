import { parseAllDocuments } from 'yaml';
import { patchDaprManifests } from './dapr-one-node';

// The shape of Dapr 1.18's rendered scheduler StatefulSet and Sentry Deployment, trimmed to what the
// post-renderer reads, plus a Service it must leave alone.
const rendered = `
apiVersion: v1
kind: Service
metadata: { name: dapr-sentry }
spec: { ports: [{ port: 443 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: dapr-scheduler-server }
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: dapr-scheduler-server
          args:
            - --etcd-initial-cluster
            - dapr-scheduler-server-0=https://s0:2380,dapr-scheduler-server-1=https://s1:2380,dapr-scheduler-server-2=https://s2:2380
            - --log-level
            - info
          livenessProbe: { httpGet: { path: /healthz, port: 8080 }, initialDelaySeconds: 180, periodSeconds: 10, failureThreshold: 5 }
          readinessProbe: { httpGet: { path: /healthz, port: 8080 }, initialDelaySeconds: 1, periodSeconds: 1, failureThreshold: 3 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: dapr-sentry }
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: dapr-sentry
          readinessProbe: { httpGet: { path: /healthz, port: 8080 }, periodSeconds: 1, failureThreshold: 3 }
`;

const byName = (yaml: string) =>
  new Map(
    parseAllDocuments(yaml)
      .map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, any> })
      .map((d) => [`${d.kind}/${d.metadata.name}`, d]),
  );

describe('dapr-one-node post-renderer', () => {
  it('when the Dapr chart renders three schedulers, then one remains with a one-member etcd cluster', () => {
    const out = byName(patchDaprManifests(rendered));

    const scheduler = out.get('StatefulSet/dapr-scheduler-server')!;
    expect(scheduler.spec.replicas).toBe(1);
    expect(scheduler.spec.template.spec.containers[0].args).toEqual([
      '--etcd-initial-cluster',
      'dapr-scheduler-server-0=https://s0:2380',
      '--log-level',
      'info',
    ]);
  });

  it('when control-plane probes keep the 1s defaults, then they get time to answer and the rest is kept', () => {
    const out = byName(patchDaprManifests(rendered));

    const scheduler = out.get('StatefulSet/dapr-scheduler-server')!.spec.template.spec.containers[0];
    expect(scheduler.livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 8080 },
      initialDelaySeconds: 180,
      periodSeconds: 10,
      failureThreshold: 12,
      timeoutSeconds: 10,
    });
    expect(out.get('Deployment/dapr-sentry')!.spec.template.spec.containers[0].readinessProbe).toEqual({
      httpGet: { path: '/healthz', port: 8080 },
      periodSeconds: 5,
      failureThreshold: 6,
      timeoutSeconds: 10,
    });
    expect(out.get('Service/dapr-sentry')!.spec).toEqual({ ports: [{ port: 443 }] });
  });
});
