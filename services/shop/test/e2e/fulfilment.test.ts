import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { ApiClient, Cards, address, card, eventually, settledOrder } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;
let sellers: { northwind: { api: ApiClient; userId: string }; bluebird: { api: ApiClient; userId: string }; cedar: { api: ApiClient; userId: string } };

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
  sellers = {
    northwind: await anonymous.login('seller@example.com', 'Seller@123'),
    bluebird: await anonymous.login('seller2@example.com', 'Seller@123'),
    cedar: await anonymous.login('seller3@example.com', 'Seller@123'),
  };
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

type Product = { id: string; sellerId: string; available: number };
let cursor = 0;
/** A well-stocked product of the given seller, a different one per call so tests do not share stock counts. */
async function productOf(sellerId: string): Promise<Product> {
  const list = await anonymous.get('/products?pageSize=100&sort=name');
  const candidates = list.body.items.filter((p: Product) => p.sellerId === sellerId && p.id !== SCARCE_PRODUCT_ID && p.available >= 20);
  return candidates[cursor++ % candidates.length];
}
const availableOf = async (productId: string): Promise<number> => (await anonymous.get(`/products/${productId}`)).body.available;

async function confirmedOrder(api: ApiClient, lines: { productId: string; quantity: number }[]): Promise<any> {
  for (const line of lines) expect((await api.post('/cart/items', line)).status).toBe(200);
  const placed = await api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': randomUUID() });
  expect(placed.status).toBe(202);
  const order = await settledOrder(api, placed.body.id);
  expect(order.status).toBe('CONFIRMED');
  return order;
}

const notified = (api: ApiClient, orderId: string, kind: string, count = 1) =>
  eventually(async () => {
    const list = await api.get('/notifications?pageSize=100');
    const found = list.body.items.filter((n: any) => n.kind === kind && n.data.orderId === orderId);
    return found.length >= count ? found : undefined;
  }, `${count} ${kind} notification(s)`);

describe('fulfilment: one shipment per seller', () => {
  it('when an order holds two sellers’ products, then each ships and delivers their own part, the order goes SHIPPED then DELIVERED and the shopper is told at each step', async () => {
    const { api } = await anonymous.newShopper('fulfil');
    const [lamp, tent] = [await productOf(sellers.northwind.userId), await productOf(sellers.bluebird.userId)];
    const order = await confirmedOrder(api, [
      { productId: lamp.id, quantity: 2 },
      { productId: tent.id, quantity: 1 },
    ]);
    expect(order.shipments.map((s: any) => [s.sellerId, s.status]).sort()).toEqual(
      [
        [sellers.northwind.userId, 'CONFIRMED'],
        [sellers.bluebird.userId, 'CONFIRMED'],
      ].sort(),
    );

    const northwindView = await sellers.northwind.api.get(`/seller/orders/${order.id}`);
    expect(northwindView.status).toBe(200);
    expect(northwindView.body.items.map((l: any) => l.productId)).toEqual([lamp.id]);
    expect(northwindView.body.shippingAddress).toMatchObject({ line1: address.line1, postalCode: address.postalCode });
    expect((await sellers.cedar.api.get(`/seller/orders/${order.id}`)).status).toBe(404);
    expect((await sellers.cedar.api.post(`/seller/orders/${order.id}/ship`, { carrier: 'UPS', trackingNumber: '1Z1' })).status).toBe(404);
    expect((await sellers.northwind.api.get('/seller/orders?pageSize=100')).body.items.map((o: any) => o.id)).toContain(order.id);

    const badCarrier = await sellers.northwind.api.post(`/seller/orders/${order.id}/ship`, { carrier: '', trackingNumber: '1Z999AA1' });
    expect(badCarrier.status).toBe(400);
    expect(badCarrier.body.errors.map((e: any) => e.field)).toEqual(['body.carrier']);
    expect((await sellers.northwind.api.get(`/seller/orders/${order.id}`)).body.status).toBe('CONFIRMED');

    const first = await sellers.northwind.api.post(`/seller/orders/${order.id}/ship`, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'SHIPPED', orderStatus: 'CONFIRMED', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect((await sellers.northwind.api.post(`/seller/orders/${order.id}/ship`, { carrier: 'UPS', trackingNumber: '1Z2' })).status).toBe(409);
    expect((await api.get(`/orders/${order.id}`)).body.status).toBe('CONFIRMED');
    const second = await sellers.bluebird.api.post(`/seller/orders/${order.id}/ship`, { carrier: 'DHL', trackingNumber: 'JD0146000012345' });
    expect(second.body).toMatchObject({ status: 'SHIPPED', orderStatus: 'SHIPPED' });
    expect((await api.get(`/orders/${order.id}`)).body.status).toBe('SHIPPED');
    const lateCancel = await api.post(`/orders/${order.id}/cancel`);
    expect(lateCancel.status).toBe(409);
    expect(lateCancel.body.code).toBe('order-shipped');
    const shipped = await notified(api, order.id, 'order-shipped', 2);
    expect(shipped.map((n: any) => n.data.trackingNumber).sort()).toEqual(['1Z999AA10123456784', 'JD0146000012345']);

    await sellers.northwind.api.post(`/seller/orders/${order.id}/deliver`).then((r) => expect(r.status).toBe(200));
    expect((await api.get(`/orders/${order.id}`)).body.status).toBe('SHIPPED');
    await sellers.bluebird.api.post(`/seller/orders/${order.id}/deliver`).then((r) => expect(r.status).toBe(200));
    expect((await sellers.bluebird.api.post(`/seller/orders/${order.id}/deliver`)).status).toBe(409);

    const delivered = (await api.get(`/orders/${order.id}`)).body;
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.timeline.map((t: any) => t.step)).toEqual(
      expect.arrayContaining(['confirmed', 'shipment-shipped', 'shipped', 'shipment-delivered', 'delivered']),
    );
    expect(
      delivered.timeline
        .filter((t: any) => t.step === 'shipment-shipped')
        .map((t: any) => t.sellerId)
        .sort(),
    ).toEqual([sellers.northwind.userId, sellers.bluebird.userId].sort());
    await notified(api, order.id, 'order-delivered', 2);
    const cancelDelivered = await api.post(`/orders/${order.id}/cancel`);
    expect(cancelDelivered.status).toBe(409);
    expect(cancelDelivered.body.code).toBe('order-delivered');
  }, 120_000);
});

describe('cancel and refund', () => {
  it('when a confirmed order is cancelled before anything shipped, then it is CANCELLED by the shopper, refunded, restocked and the shopper told', async () => {
    const { api } = await anonymous.newShopper('cancel');
    const lamp = await productOf(sellers.northwind.userId);
    const before = await availableOf(lamp.id);
    const order = await confirmedOrder(api, [{ productId: lamp.id, quantity: 3 }]);
    expect((await sellers.cedar.api.post(`/orders/${order.id}/cancel`)).status).toBe(404);

    const cancelled = await api.post(`/orders/${order.id}/cancel`);

    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toEqual({ id: order.id, status: 'CANCELLED' });
    const refunded = await eventually(async () => {
      const current = (await api.get(`/orders/${order.id}`)).body;
      const steps = current.timeline.map((t: any) => t.step);
      return steps.includes('payment-refunded') && steps.includes('stock-returned') ? current : undefined;
    }, 'the refund and restock');
    expect(refunded).toMatchObject({ status: 'CANCELLED', cancelCode: 'cancelled-by-shopper', cancelReason: 'cancelled by the shopper' });
    expect(refunded.shipments.map((s: any) => s.status)).toEqual(['CANCELLED']);
    await eventually(async () => ((await availableOf(lamp.id)) === before ? true : undefined), 'the stock to be back');
    await notified(api, order.id, 'order-cancelled');
    await notified(api, order.id, 'payment-refunded');
    expect((await sellers.northwind.api.post(`/seller/orders/${order.id}/ship`, { carrier: 'UPS', trackingNumber: '1Z3' })).status).toBe(409);
    const again = await api.post(`/orders/${order.id}/cancel`);
    expect(again.status).toBe(202);
  });

  it('when the shopper cancels while the saga waits for the card approval, then the saga itself cancels: voided, stock released, approval refused', async () => {
    const { api } = await anonymous.newShopper('cancel');
    const lamp = await productOf(sellers.northwind.userId);
    const before = await availableOf(lamp.id);
    await api.post('/cart/items', { productId: lamp.id, quantity: 1 });
    const placed = await api.post('/orders', { shippingAddress: address, payment: card(Cards.needsApproval) }, { 'idempotency-key': randomUUID() });
    await notified(api, placed.body.id, 'payment-action-required');

    const cancelled = await api.post(`/orders/${placed.body.id}/cancel`);

    expect(cancelled.status).toBe(202);
    expect(cancelled.body.status).toBe('PENDING');
    const order = await settledOrder(api, placed.body.id);
    expect(order).toMatchObject({ status: 'CANCELLED', cancelCode: 'cancelled-by-shopper' });
    expect(order.timeline.map((t: any) => t.step)).toEqual(expect.arrayContaining(['cancel-requested', 'payment-voided', 'stock-released', 'cancelled']));
    expect(await availableOf(lamp.id)).toBe(before);
    expect((await api.post(`/orders/${placed.body.id}/payment/approve`)).status).toBe(409);
  });

  it('when the cancel races the saga right after placing, then the order ends CANCELLED by the shopper exactly once, with its money and stock back', async () => {
    const { api } = await anonymous.newShopper('race');
    const lamp = await productOf(sellers.bluebird.userId);
    const before = await availableOf(lamp.id);
    await api.post('/cart/items', { productId: lamp.id, quantity: 2 });
    const placed = await api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': randomUUID() });

    const cancelled = await api.post(`/orders/${placed.body.id}/cancel`);

    expect(cancelled.status).toBe(202);
    const order = await eventually(async () => {
      const current = (await api.get(`/orders/${placed.body.id}`)).body;
      const steps: string[] = current.timeline.map((t: any) => t.step);
      // Cancelled before payments was asked, nothing was taken; after it, the authorization is voided or refunded.
      const moneyBack = !steps.includes('payment-authorized') || steps.includes('payment-voided') || steps.includes('payment-refunded');
      return current.status === 'CANCELLED' && moneyBack ? current : undefined;
    }, 'the order to be cancelled and the money back');
    expect(order.cancelCode).toBe('cancelled-by-shopper');
    expect(order.timeline.filter((t: any) => t.step === 'cancelled')).toHaveLength(1);
    await eventually(async () => ((await availableOf(lamp.id)) === before ? true : undefined), 'the stock to be back');
  });
});
