import { SHOP_START_TIMEOUT_MS } from '../shop-under-test';
import { randomBytes, randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { loadAllServices } from '../../src/service-loaders';
import { ApiClient, Cards, address, card, settledOrder } from '../api-client';

/** pino's warn level: anything at or above it is a problem someone would look into. */
const WARN = 40;

/**
 * A declined card is an expected outcome, not a fault: its checkout must read well on the timeline and
 * leave no warning, error or stack trace in any service's log.
 */
describe('a declined checkout in the logs', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startTestShop(await loadAllServices(), {
      seed: true,
      captureLogs: true,
      env: { RATE_LIMIT_IP_PER_MINUTE: '100000', RATE_LIMIT_USER_PER_MINUTE: '100000' },
    });
  }, SHOP_START_TIMEOUT_MS);
  afterAll(() => shop?.close());

  it.each([
    ['declined', Cards.declines, 'card declined'],
    ['short of funds', Cards.insufficientFunds, 'insufficient funds'],
  ])(
    'when the card is %s, then the timeline says payment-declined with the reason and no service logs a warning or a stack',
    async (_what, cardNumber, reason) => {
      const anonymous = new ApiClient(() => `${shop.url('gateway')}/api/v1`);
      const { api } = await anonymous.newShopper('decline');
      const products = await anonymous.get('/products?pageSize=20');
      const product = products.body.items.find((p: { id: string; available: number }) => p.id !== SCARCE_PRODUCT_ID && p.available > 2);
      await api.post('/cart/items', { productId: product.id, quantity: 1 });
      const traceId = randomBytes(16).toString('hex');

      const placed = await api.post(
        '/orders',
        { shippingAddress: address, payment: card(cardNumber) },
        { 'idempotency-key': randomUUID(), traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      );
      const order = await settledOrder(api, placed.body.id);
      await shop.settle();

      expect(order.status).toBe('CANCELLED');
      expect(order.timeline.filter((t: { step: string }) => t.step.startsWith('payment-'))).toEqual([
        expect.objectContaining({ step: 'payment-declined', outcome: 'failed', detail: reason }),
      ]);
      const lines = shop.logs.filter((line) => line.traceId === traceId);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((line) => Number(line.level) >= WARN || 'err' in line)).toEqual([]);
    },
    90_000,
  );
});
