// A smoke test of the `dapr` runtime adapter against a real daprd with the repo's components (Redis
// state, Kafka pub/sub, env secrets, localstorage email binding) and workflows. It plays the
// notifications app (the email binding is scoped to it). Run through `scripts/provision/dapr.sh smoke`,
// which provisions everything, starts this app, then its sidecar.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Router from '@koa/router';
import { z } from 'zod';
import { DomainError, notFound } from '../../services/platform/src/errors';
import { createServiceApp } from '../../services/platform/src/http/kit';
import { createLogger } from '../../services/platform/src/logger';
import { createDaprRuntime, daprSubscriptionRouter } from '../../services/platform/src/runtime/dapr';
import { activity, implement, type CloudEvent, type Subscription, type WorkflowContext } from '../../services/platform/src/runtime/port';

const APP_PORT = Number(process.env.APP_PORT ?? 3999);
const logger = createLogger({ name: 'dapr-smoke', level: process.env.LOG_LEVEL ?? 'warn' });
const runId = randomUUID().slice(0, 8);
const received = new Map<string, CloudEvent[]>();
const record = (topic: string) => async (event: CloudEvent) => {
  received.set(topic, [...(received.get(topic) ?? []), event]);
};
let flakyCalls = 0;
let activityCalls = 0;

const topics = { ok: `smoke.ok.${runId}`, flaky: `smoke.flaky.${runId}` };
const subscriptions: Subscription<any>[] = [
  { topic: topics.ok, schema: z.object({ n: z.number() }), handler: record(topics.ok) },
  {
    topic: topics.flaky,
    schema: z.object({ n: z.number() }),
    handler: async (event) => {
      flakyCalls += 1;
      if (flakyCalls === 1) throw new Error('first delivery fails on purpose');
      await record(topics.flaky)(event);
    },
  },
];

const api = new Router();
api.get('/ping', (ctx) => {
  ctx.body = { pong: true, caller: ctx.get('x-smoke') };
});
api.get('/missing', () => {
  throw notFound('Smoke');
});

const runtime = createDaprRuntime({
  appId: 'notifications',
  daprHttpPort: Number(process.env.DAPR_HTTP_PORT ?? 3599),
  daprGrpcPort: Number(process.env.DAPR_GRPC_PORT ?? 30199),
  pubsubName: 'pubsub',
  stateStoreName: 'statestore',
  secretStoreName: 'secretstore',
  logger,
});

const app = createServiceApp({
  name: 'notifications',
  logger,
  routers: [api, daprSubscriptionRouter(subscriptions, { pubsubName: 'pubsub', appId: 'notifications', deadLetters: runtime.deadLetters, logger })],
});
app.appToken = process.env.APP_API_TOKEN;

const double = activity<number, number>('double');

runtime.workflows.register({
  workflows: {
    async *smoke(ctx: WorkflowContext, input: { x: number }) {
      const doubled: number = yield ctx.callActivity(double, input.x);
      const approval = ctx.waitForExternalEvent<{ ok: boolean }>('approve');
      const timeout = ctx.createTimer(new Date(ctx.getCurrentUtcDateTime().getTime() + 60_000));
      const winner: unknown = yield ctx.whenAny([approval, timeout]);
      ctx.setCustomStatus(winner === approval ? 'approved' : 'timed-out');
      const both: number[] = yield ctx.whenAll([ctx.callActivity(double, doubled), ctx.callActivity(double, 1)]);
      return { doubled, both, approved: winner === approval };
    },
  },
  activities: [
    implement(double, async (x) => {
      activityCalls += 1;
      return x * 2;
    }),
  ],
});

const results: { name: string; ok: boolean; detail?: string }[] = [];
async function check(name: string, fn: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('check timed out after 90s')), 90_000);
  });
  try {
    await Promise.race([fn(), timeout]);
    results.push({ name, ok: true });
  } catch (err) {
    results.push({ name, ok: false, detail: (err as Error).message });
  } finally {
    clearTimeout(timer);
  }
}
function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
async function expectDomainError(promise: Promise<unknown>, status: number, code: string): Promise<void> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DomainError && err.status === status && err.code === code) return;
    throw new Error(
      `expected DomainError ${status} ${code}, got ${String((err as Error).message)} (${(err as DomainError).status} ${(err as DomainError).code})`,
      { cause: err },
    );
  }
  throw new Error(`expected DomainError ${status} ${code}, got success`);
}
async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const server = app.listen(APP_PORT, '127.0.0.1');
  await runtime.subscribe(subscriptions);
  await runtime.workflows.start();

  await check('state: save/get round-trips with etag, stale etag is 409', async () => {
    const key = `smoke-${runId}`;
    const first = await runtime.state.save(key, { n: 1, s: 'x' });
    const read = await runtime.state.get<{ n: number }>(key);
    expectEqual(read, { value: { n: 1, s: 'x' }, etag: first }, 'get after save');
    const second = await runtime.state.save(key, { n: 2 }, { etag: first });
    await expectDomainError(runtime.state.save(key, { n: 3 }, { etag: first }), 409, 'etag-mismatch');
    await expectDomainError(runtime.state.delete(key, { etag: first }), 409, 'etag-mismatch');
    await runtime.state.save(`${key}-str`, '42');
    const bulk = await runtime.state.getBulk([key, `${key}-str`, `${key}-none`]);
    expectEqual(
      [...bulk.entries()],
      [
        [key, { value: { n: 2 }, etag: second }],
        [`${key}-str`, { value: '42', etag: bulk.get(`${key}-str`)?.etag }],
      ],
      'getBulk',
    );
    await runtime.state.delete(key, { etag: second });
    expectEqual(await runtime.state.get(key), undefined, 'get after delete');
  });

  await check('state: ttlSeconds expires the entry', async () => {
    const key = `smoke-ttl-${runId}`;
    await runtime.state.save(key, { t: 1 }, { ttlSeconds: 1 });
    await waitFor('expiry', async () => ((await runtime.state.get(key)) === undefined ? true : undefined), 5_000);
  });

  await check('invoke: json through the sidecar passes headers and parses the body', async () => {
    const body = await runtime.invoke.json(
      'notifications',
      { method: 'GET', path: '/ping', headers: { 'x-smoke': runId } },
      z.object({ pong: z.boolean(), caller: z.string() }),
    );
    expectEqual(body, { pong: true, caller: runId }, 'ping');
  });

  await check("invoke: a callee's 404 problem keeps status and code", async () => {
    await expectDomainError(runtime.invoke.json('notifications', { method: 'GET', path: '/missing' }, z.unknown()), 404, 'not-found');
  });

  await check('invoke: an app id with no sidecar is a 502', async () => {
    await expectDomainError(runtime.invoke.json('catalog', { method: 'GET', path: '/healthz' }, z.unknown()), 502, 'upstream-unavailable');
  });

  await check('pubsub: event delivered with our id, source, type and traceparent', async () => {
    const id = `evt-${randomUUID()}`;
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await runtime.pubsub.publish(topics.ok, { n: 42 }, { id, traceparent });
    const event = await waitFor('delivery', () => received.get(topics.ok)?.find((e) => e.id === id));
    expectEqual(
      { data: event.data, source: event.source, type: event.type, topic: event.topic },
      { data: { n: 42 }, source: 'notifications', type: topics.ok, topic: topics.ok },
      'envelope',
    );
    if (!event.traceparent?.startsWith('00-0af7651916cd43dd8448eb211c80319c-')) throw new Error(`traceparent not passed through: ${event.traceparent}`);
  });

  await check("pubsub: invalid data is dropped to the app's dead-letter topic and kept as a dead letter", async () => {
    const id = `bad-${randomUUID()}`;
    await runtime.pubsub.publish(topics.ok, { n: 'not a number' }, { id });
    const letter = await waitFor('dead letter', async () => (await runtime.deadLetters.list()).find((l) => l.event.id === id));
    if (letter.topic !== topics.ok || !letter.error?.startsWith('invalid event')) throw new Error(`dead letter kept as ${JSON.stringify(letter)}`);
    // Still invalid, so a replay fails again and the dead letter stays, one attempt more.
    if (!(await runtime.deadLetters.replay(letter.id))) throw new Error('replay did not find the dead letter');
    const again = (await runtime.deadLetters.list()).find((l) => l.id === letter.id);
    if (again?.attempts !== (letter.attempts ?? 0) + 1) throw new Error(`after a failed replay: ${JSON.stringify(again)}`);
  });

  await check('pubsub: a failing handler gets the event again', async () => {
    await runtime.pubsub.publish(topics.flaky, { n: 7 }, { id: `flaky-${runId}` });
    await waitFor('redelivery', () => received.get(topics.flaky)?.[0]);
    if (flakyCalls < 2) throw new Error(`handler called ${flakyCalls} times`);
  });

  await check('secrets: env secret store, missing secret is undefined', async () => {
    expectEqual(await runtime.secrets.get('smoke-secret'), 's3cret', 'smoke-secret');
    expectEqual(await runtime.secrets.get(`absent-${runId}`), undefined, 'absent');
  });

  await check('bindings: email writes a mail file', async () => {
    const fileName = `smoke-${runId}.txt`;
    await runtime.bindings.invoke('email', 'create', 'Hello from the smoke test', { fileName });
    const path = `/tmp/shopmesh/mail/${fileName}`;
    if (!existsSync(path)) throw new Error(`${path} not written`);
    expectEqual(readFileSync(path, 'utf8'), 'Hello from the smoke test', 'mail body');
  });

  await check('workflows: schedule, raise event, whenAny/whenAll, output, idempotent schedule', async () => {
    const id = `wf-${runId}`;
    expectEqual(await runtime.workflows.schedule('smoke', { x: 5 }, id), id, 'schedule');
    await waitFor('activity', () => (activityCalls >= 1 ? true : undefined));
    await runtime.workflows.raiseEvent(id, 'approve', { ok: true });
    const done = await waitFor('completion', async () => {
      const s = await runtime.workflows.get(id);
      return s && s.status !== 'RUNNING' && s.status !== 'PENDING' ? s : undefined;
    });
    expectEqual(
      { status: done.status, output: done.output, customStatus: done.customStatus },
      { status: 'COMPLETED', output: { doubled: 10, both: [20, 2], approved: true }, customStatus: 'approved' },
      'state',
    );
    const calls = activityCalls;
    expectEqual(await runtime.workflows.schedule('smoke', { x: 5 }, id), id, 'schedule again');
    await new Promise((r) => setTimeout(r, 1500));
    expectEqual(activityCalls, calls, 'activity calls after rescheduling a completed id');
  });

  await check('workflows: terminate', async () => {
    const id = `wf-term-${runId}`;
    await runtime.workflows.schedule('smoke', { x: 1 }, id);
    await waitFor('running', async () => ((await runtime.workflows.get(id))?.status === 'RUNNING' ? true : undefined));
    await runtime.workflows.terminate(id, 'smoke');
    const state = await waitFor('terminated', async () => ((await runtime.workflows.get(id))?.status === 'TERMINATED' ? true : undefined));
    expectEqual(state, true, 'terminated');
  });

  for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.detail ? `\n     ${r.detail}` : ''}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`dapr-smoke: ${results.length - failed} passed, ${failed} failed\n`);
  await runtime.close();
  server.close();
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`dapr-smoke crashed: ${(err as Error).stack}\n`);
  process.exit(2);
});
