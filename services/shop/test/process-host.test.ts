import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createLogger, startProcessHost, type ProcessHost } from '@shopmesh/platform';
import { testDatabaseUrl } from '@shopmesh/platform/testing';
import { SERVICE_NAMES } from '../src/service-loaders';
import { ApiClient, Cards, address, card, eventually, settledOrder } from './api-client';

let host: ProcessHost;
let anonymous: ApiClient;

beforeAll(async () => {
  host = await startProcessHost({
    services: SERVICE_NAMES,
    entry: join(__dirname, '../src/service-process.ts'),
    execArgv: ['--import', 'tsx'],
    databaseUrl: testDatabaseUrl(),
    schemaSuffix: `_p${randomBytes(4).toString('hex')}`,
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      CHECKOUT_STARTER_INTERVAL_MS: '200',
      RATE_LIMIT_IP_PER_MINUTE: '100000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      RATE_LIMIT_SIGNUP_PER_MINUTE: '100000',
    },
    seed: true,
    logger: createLogger({ level: 'silent' }),
  });
  anonymous = new ApiClient(() => `${host.url('gateway')}/api/v1`);
}, 300_000);
afterAll(() => host?.close());

describe('the multi-process host', () => {
  it('when it starts, then every service runs in a process of its own and the seeded catalog is served through the gateway', async () => {
    const pids = [...host.services.values()].map((s) => s.pid);

    const list = await anonymous.get('/products?pageSize=5');

    expect(new Set(pids).size).toBe(SERVICE_NAMES.length);
    expect(pids).not.toContain(process.pid);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
  });

  it('when a shopper checks out, then the saga crosses processes to CONFIRMED and the order event reaches notifications in another process', async () => {
    const { api } = await anonymous.newShopper('multiprocess');
    const product = (await anonymous.get('/products?pageSize=20&sort=price_asc')).body.items.find((p: { available: number }) => p.available > 5);
    expect((await api.post('/cart/items', { productId: product.id, quantity: 1 })).status).toBeLessThan(300);

    const placed = await api.post(
      '/orders',
      { shippingAddress: address, payment: card(Cards.approves) },
      { 'idempotency-key': randomBytes(16).toString('hex') },
    );
    const order = await settledOrder(api, placed.body.id, 60_000);
    const notifications = await eventually(
      async () => {
        const list = await api.get('/notifications');
        return list.status === 200 && list.body.items.length > 0 ? list.body.items : undefined;
      },
      { what: 'a notification of the order', timeoutMs: 60_000 },
    );

    expect(placed.status).toBe(202);
    expect(order.status).toBe('CONFIRMED');
    expect(notifications.length).toBeGreaterThan(0);
  }, 180_000);
});
