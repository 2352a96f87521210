import { createServer } from 'node:http';
import Router from '@koa/router';
import type Koa from 'koa';
import request from 'supertest';
import { DomainError } from '../errors';
import { createLogger } from '../logger';
import { createServiceApp, type ServiceApp } from './kit';
import { createManagementApp } from './management';
import { sidecarLiveness } from './sidecar-liveness';

const logger = createLogger({ name: 'test', level: 'silent' });

function serviceApp(name: string, ready?: () => Promise<boolean>): ServiceApp {
  const router = new Router();
  router.get('/widgets/:id', (ctx) => {
    ctx.body = { id: ctx.params.id };
  });
  router.post('/widgets/conflict', () => {
    throw new DomainError(409, 'widget-taken', 'Widget already exists');
  });
  router.post('/widgets/crash', () => {
    throw new Error('bug');
  });
  return createServiceApp({ name, logger, routers: [router], ...(ready ? { ready } : {}) });
}

const managed = (...apps: [string, ServiceApp][]) => apps.map(([name, app]) => ({ name, metrics: app.metrics, ready: () => app.ready() }));

/** The value of one sample of `metric` in Prometheus text whose labels include all of `labels`. */
function sampleValue(text: string, metric: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('the management app', () => {
  it('when /healthz is called, then it answers 200 naming the hosted services', async () => {
    const app = createManagementApp(() => managed(['catalog', serviceApp('catalog')], ['cart', serviceApp('cart')]));

    const res = await request(app.callback()).get('/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', services: ['catalog', 'cart'] });
  });

  it('when one hosted service is not ready (false or throwing), then /readyz is a 503 naming it', async () => {
    const broken = serviceApp('embeddings', async () => {
      throw new Error('model missing');
    });
    const app = createManagementApp(() => managed(['catalog', serviceApp('catalog', async () => true)], ['embeddings', broken]));

    const res = await request(app.callback()).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'not-ready', services: { catalog: 'ready', embeddings: 'not-ready' } });
  });

  it('when every hosted service is ready, then /readyz is 200; with none hosted yet it is a 503', async () => {
    const ready = createManagementApp(() => managed(['catalog', serviceApp('catalog')]));
    const empty = createManagementApp(() => []);

    expect((await request(ready.callback()).get('/readyz')).status).toBe(200);
    expect((await request(empty.callback()).get('/readyz')).status).toBe(503);
  });

  it('when two services served requests, then /metrics exposes one histogram family with samples per service, route template and status', async () => {
    const catalog = serviceApp('catalog');
    const cart = serviceApp('cart');
    await request(catalog.callback()).get('/widgets/1');
    await request(catalog.callback()).get('/widgets/2');
    await request(cart.callback()).get('/widgets/3');
    const app = createManagementApp(() => managed(['catalog', catalog], ['cart', cart]));

    const res = await request(app.callback()).get('/metrics');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text.match(/# TYPE http_server_request_duration_seconds histogram/g)).toHaveLength(1);
    const count = (service: string) => sampleValue(res.text, 'http_server_request_duration_seconds_count', { route: '/widgets/:id', status: '200', service });
    expect([count('catalog'), count('cart')]).toEqual([2, 1]);
  });

  it('when a handler throws, then the metrics record the status the client got (not 404)', async () => {
    const catalog = serviceApp('catalog');
    await request(catalog.callback()).post('/widgets/conflict').expect(409);
    await request(catalog.callback()).post('/widgets/crash').expect(500);

    const res = await request(createManagementApp(() => managed(['catalog', catalog])).callback()).get('/metrics');

    expect(sampleValue(res.text, 'http_server_request_duration_seconds_count', { route: '/widgets/conflict', status: '409' })).toBe(1);
    expect(sampleValue(res.text, 'http_server_request_duration_seconds_count', { route: '/widgets/crash', status: '500' })).toBe(1);
    expect(res.text).not.toMatch(/route="\/widgets\/(conflict|crash)",status="404"/);
  });

  it('when process metrics are on, then the process families appear once', async () => {
    const res = await request(createManagementApp(() => managed(['catalog', serviceApp('catalog')]), { processMetrics: true }).callback()).get('/metrics');

    expect(res.text.match(/# TYPE process_resident_memory_bytes gauge/g)).toHaveLength(1);
  });
});

describe('the sidecar liveness answer on the app port', () => {
  const probe = async (remoteAddress: string) => {
    const ctx = { method: 'GET', path: '/dapr/healthz', req: { socket: { remoteAddress } }, body: undefined as unknown } as unknown as Koa.Context;
    const next = jest.fn(async () => undefined);
    await sidecarLiveness()(ctx, next);
    return { answered: ctx.body !== undefined, passedOn: next.mock.calls.length > 0 };
  };

  it('when the probe comes from loopback (the sidecar in the pod), then it is answered', async () => {
    expect(await probe('127.0.0.1')).toEqual({ answered: true, passedOn: false });
    expect(await probe('::ffff:127.0.0.1')).toEqual({ answered: true, passedOn: false });
    expect(await probe('::1')).toEqual({ answered: true, passedOn: false });
  });

  it('when it comes from another address (the ingress, another pod), then it goes on to the app-token check', async () => {
    expect(await probe('10.244.0.17')).toEqual({ answered: false, passedOn: true });
    expect(await probe('::ffff:10.0.0.5')).toEqual({ answered: false, passedOn: true });
  });

  it('when a client reaches /dapr/healthz from outside, then the app answers 401 (the app-token check)', async () => {
    const handler = serviceApp('catalog').callback();
    // The public app as a peer in another pod reaches it: the socket's address is not loopback.
    const server = createServer((req, res) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: '10.244.0.17', configurable: true });
      void handler(req, res);
    });

    const res = await request(server).get('/dapr/healthz');

    expect(res.status).toBe(401);
  });
});
