import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { gatewayUrl, kafkaRunning, startApps, startKafka } from '../../../../scripts/dapr/stack';
import { ApiClient, Cards, address, card, eventually, settledOrder } from '../api-client';

// These tests kill parts of a running stack, so they never pick one up by default: only `npm run
// test:dapr` (scripts/dapr/test.sh) runs them, naming the stack it started.
const baseUrl = process.env.SHOPMESH_BASE_URL;
if (baseUrl !== gatewayUrl()) throw new Error(`the fault tests run only through npm run test:dapr (SHOPMESH_BASE_URL=${gatewayUrl()})`);

/** The stack the fault tests break. */
export const anonymous = new ApiClient(() => `${baseUrl}/api/v1`);

/** A shopper and the order they placed (accepted with 202). */
export interface Checkout {
  api: ApiClient;
  orderId: string;
}

/** A product with plenty of stock that the e2e suite's scarce-stock race does not use. */
export async function stockedProduct(min = 50): Promise<{ id: string; available: number }> {
  const list = await anonymous.get('/products?pageSize=100&sort=price_asc');
  const product = list.body.items.find((p: any) => p.id !== SCARCE_PRODUCT_ID && p.available >= min);
  if (!product) throw new Error(`no product with ${min} units in stock`);
  return product;
}

export async function availableOf(productId: string): Promise<number> {
  return (await anonymous.get(`/products/${productId}`)).body.available;
}

/** `count` new shoppers each buy one unit of `productId`; resolves once every order is accepted (202). */
export async function placeOrders(count: number, productId: string, label: string, cardNumber = Cards.approves): Promise<Checkout[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { api } = await anonymous.newShopper(`${label}${i}`);
      const added = await api.post('/cart/items', { productId, quantity: 1 });
      if (added.status >= 300) throw new Error(`add to cart: ${added.status} ${JSON.stringify(added.body)}`);
      const placed = await api.post('/orders', { shippingAddress: address, payment: card(cardNumber) }, { 'idempotency-key': randomUUID() });
      if (placed.status !== 202) throw new Error(`place order: ${placed.status} ${JSON.stringify(placed.body)}`);
      return { api, orderId: placed.body.id as string };
    }),
  );
}

/** Every order leaves PENDING; returns their final statuses. */
export async function settledStatuses(checkouts: Checkout[], timeoutMs = 120_000): Promise<string[]> {
  const orders = await Promise.all(checkouts.map((c) => settledOrder(c.api, c.orderId, timeoutMs)));
  return orders.map((o) => o.status);
}

const KINDS = ['welcome', 'order-placed', 'order-confirmed'] as const;

/**
 * Waits until every shopper has their welcome, order-placed and order-confirmed notification, then
 * returns how many of each they have (exactly one each when nothing was lost or stored twice). An event
 * whose publisher crashed between claiming and publishing it leaves after the outbox lease (30 s).
 */
export async function notificationCounts(checkouts: Checkout[], timeoutMs = 120_000): Promise<Record<string, number>[]> {
  const count = async (c: Checkout) => {
    const list = await c.api.get('/notifications?pageSize=100');
    const items: { kind: string }[] = list.body?.items ?? [];
    return Object.fromEntries(KINDS.map((k) => [k, items.filter((n) => n.kind === k).length]));
  };
  await Promise.all(
    checkouts.map((c) =>
      eventually(async () => (Object.values(await count(c)).every((n) => n > 0) ? true : undefined), {
        what: `the notifications of order ${c.orderId}`,
        timeoutMs,
      }),
    ),
  );
  // A redelivered event would show up as a second notification shortly after the first.
  await new Promise((r) => setTimeout(r, 2000));
  return Promise.all(checkouts.map(count));
}

export const exactlyOneOfEach = Object.fromEntries(KINDS.map((k) => [k, 1]));

/** Brings back whatever a test left down, so the next test starts on a whole stack. */
export async function healStack(): Promise<void> {
  if (!kafkaRunning()) await startKafka();
  await startApps();
}

export { Cards, eventually };
