import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { ApiClient, Cards, address, card, eventually, settledOrder } from '../api-client';
import { APPROVAL_TIMEOUT_SECONDS, shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

/** A product with plenty of stock, different per call so tests do not share stock counts. */
let productCursor = 0;
async function stockedProduct(min = 10): Promise<{ id: string; available: number; price: { amount: number } }> {
  const list = await anonymous.get('/products?pageSize=100&sort=price_asc');
  const candidates = list.body.items.filter((p: any) => p.id !== SCARCE_PRODUCT_ID && p.available >= min);
  return candidates[productCursor++ % candidates.length];
}

async function availableOf(productId: string): Promise<number> {
  return (await anonymous.get(`/products/${productId}`)).body.available;
}

async function buy(api: ApiClient, productId: string, cardNumber: string, quantity = 1, key = randomUUID()) {
  const added = await api.post('/cart/items', { productId, quantity });
  expect(added.status).toBeLessThan(300);
  return api.post('/orders', { shippingAddress: address, payment: card(cardNumber) }, { 'idempotency-key': key });
}

describe('checkout through the gateway', () => {
  it('when the card approves, then the order is CONFIRMED, stock is sold, the cart is empty and the timeline tells the story', async () => {
    const { api } = await anonymous.newShopper();
    const product = await stockedProduct();
    const before = await availableOf(product.id);

    const placed = await buy(api, product.id, Cards.approves, 2);
    expect(placed.status).toBe(202);
    expect(placed.body.status).toBe('PENDING');
    const order = await settledOrder(api, placed.body.id);

    expect(order.status).toBe('CONFIRMED');
    expect(order.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 2 })]);
    expect(order.total.amount).toBe(product.price.amount * 2);
    expect(order.timeline.map((t: any) => t.step)).toEqual(expect.arrayContaining(['placed', 'stock-reserved', 'payment-authorized', 'confirmed']));
    await eventually(async () => ((await api.get('/cart')).body.lines.length === 0 ? true : undefined), 'the cart to be emptied');
    await eventually(async () => ((await availableOf(product.id)) === before - 2 ? true : undefined), 'stock to be sold');
    const notifications = await eventually(async () => {
      const list = await api.get('/notifications');
      return list.body.items.some((n: any) => n.kind === 'order-confirmed') ? list.body : undefined;
    }, 'the order-confirmed notification');
    expect(notifications.items.length).toBeGreaterThan(0);
  });

  it('when the card is declined, then the order is CANCELLED with the reason and the stock is back', async () => {
    const { api } = await anonymous.newShopper();
    const product = await stockedProduct();
    const before = await availableOf(product.id);

    const placed = await buy(api, product.id, Cards.declines, 3);
    const order = await settledOrder(api, placed.body.id);

    expect(order.status).toBe('CANCELLED');
    expect(order.cancelReason).toMatch(/declined/);
    expect(order.timeline.map((t: any) => t.step)).toEqual(expect.arrayContaining(['stock-reserved', 'payment-declined', 'stock-released', 'cancelled']));
    // A declined authorization holds no money: nothing is voided, so no void step (failed or not) shows.
    expect(order.timeline.map((t: any) => t.step)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^payment-void/)]));
    expect(order.timeline.find((t: any) => t.step === 'payment-declined')).toMatchObject({ outcome: 'failed', detail: 'card declined' });
    expect(await availableOf(product.id)).toBe(before);
    expect((await api.get('/cart')).body.lines).toHaveLength(1);
  });

  it('when funds are insufficient, then the order is CANCELLED saying so', async () => {
    const { api } = await anonymous.newShopper();
    const placed = await buy(api, (await stockedProduct()).id, Cards.insufficientFunds);
    const order = await settledOrder(api, placed.body.id);
    expect(order.status).toBe('CANCELLED');
    expect(order.cancelReason).toMatch(/insufficient/);
  });

  it('when a card needs approval and the shopper approves, then the order is CONFIRMED', async () => {
    const { api } = await anonymous.newShopper();
    const placed = await buy(api, (await stockedProduct()).id, Cards.needsApproval);
    await eventually(async () => {
      const order = await api.get(`/orders/${placed.body.id}`);
      return order.body.timeline.some((t: any) => t.step === 'payment-action-required') ? true : undefined;
    }, 'the saga to wait for approval');

    const approved = await api.post(`/orders/${placed.body.id}/payment/approve`);
    expect(approved.status).toBe(202);
    const order = await settledOrder(api, placed.body.id);
    expect(order.status).toBe('CONFIRMED');
  });

  it('when nobody approves in time, then the saga times out and cancels, releasing the stock', async () => {
    const { api } = await anonymous.newShopper();
    const product = await stockedProduct();
    const before = await availableOf(product.id);
    const placed = await buy(api, product.id, Cards.needsApproval);

    const order = await settledOrder(api, placed.body.id, APPROVAL_TIMEOUT_SECONDS * 1000 + 30_000);
    expect(order.status).toBe('CANCELLED');
    expect(order.cancelReason).toBe('payment approval timed out');
    expect(order.timeline.map((t: any) => t.step)).toEqual(
      expect.arrayContaining(['payment-action-required', 'payment-approval-timed-out', 'payment-voided', 'stock-released']),
    );
    expect(await availableOf(product.id)).toBe(before);
    const late = await api.post(`/orders/${placed.body.id}/payment/approve`);
    expect(late.status).toBe(409);
  });

  it('when the same Idempotency-Key is sent again, then the same order comes back and no second order exists', async () => {
    const { api } = await anonymous.newShopper();
    const key = randomUUID();
    const first = await buy(api, (await stockedProduct()).id, Cards.approves, 1, key);
    const again = await api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': key });

    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    const orders = await api.get('/orders');
    expect(orders.body.total).toBe(1);
    const different = await api.post(
      '/orders',
      { shippingAddress: { ...address, city: 'Paris', country: 'FR' }, payment: card(Cards.approves) },
      { 'idempotency-key': key },
    );
    expect(different.status).toBe(422);
  });

  it('when 30 shoppers race for the last 5 units, then exactly 5 orders are placed and CONFIRMED and the other 25 hear out-of-stock at once', async () => {
    const seller = await anonymous.login('seller@example.com', 'Seller@123');
    const reset = await seller.api.put(`/seller/products/${SCARCE_PRODUCT_ID}/stock`, { quantity: 5 });
    expect(reset.status).toBe(200);
    const shoppers = await Promise.all(Array.from({ length: 30 }, (_, i) => anonymous.newShopper(`racer${i}`)));
    for (const { api } of shoppers) expect((await api.post('/cart/items', { productId: SCARCE_PRODUCT_ID, quantity: 1 })).status).toBeLessThan(300);

    const placed = await Promise.all(
      shoppers.map(({ api }) => api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': randomUUID() })),
    );
    const won = placed.flatMap((p, i) => (p.status === 202 ? [{ api: shoppers[i]!.api, id: p.body.id as string }] : []));
    const lost = placed.filter((p) => p.status !== 202);
    expect(won).toHaveLength(5);
    expect(lost.map((p) => [p.status, p.body.code])).toEqual(Array(25).fill([409, 'out-of-stock']));
    const orders = await Promise.all(won.map((o) => settledOrder(o.api, o.id, 90_000)));

    expect(orders.map((o) => o.status)).toEqual(Array(5).fill('CONFIRMED'));
    expect(await availableOf(SCARCE_PRODUCT_ID)).toBe(0);
    // A loser's cart is given back whole, ready for another try.
    expect((await shoppers[placed.indexOf(lost[0]!)]!.api.get('/cart')).body.lines).toHaveLength(1);
  }, 180_000);

  it('when the orders service stops mid-saga and starts again, then the order still finishes', async () => {
    const { api } = await anonymous.newShopper();
    const placed = await buy(api, (await stockedProduct()).id, Cards.needsApproval);
    await eventually(async () => {
      const order = await api.get(`/orders/${placed.body.id}`);
      return order.body.timeline?.some((t: any) => t.step === 'payment-action-required') ? true : undefined;
    }, 'the saga to wait for approval');

    await shop.restartOrders();

    const approved = await eventually(async () => {
      const response = await api.post(`/orders/${placed.body.id}/payment/approve`);
      return response.status === 202 ? response : undefined;
    }, 'orders to accept the approval after the restart');
    expect(approved.status).toBe(202);
    const order = await settledOrder(api, placed.body.id);
    expect(order.status).toBe('CONFIRMED');
  }, 120_000);
});
