import { randomUUID } from 'node:crypto';
import { Topics } from '@shopmesh/contracts';
import { deliverEvent } from '@shopmesh/platform/testing';
import { ORPHANED_CLAIM_MS } from '../domain/claims';
import { cartApp, LAMP as lamp } from '../../test/cart-app';

describe('cart claims through the internal API', () => {
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const { api, user, subscriptions } = cartApp({ now: () => new Date(now) });

  /** A shopper with two lamps in the cart, claimed by an order whose placement is under way. */
  async function claimedCart() {
    const shopper = user('customer');
    await api.post('/cart/items').set('authorization', shopper.auth).send({ productId: lamp.id, quantity: 2 }).expect(200);
    const orderId = randomUUID();
    await api.post(`/internal/carts/${shopper.id}/claims`).send({ orderId, idempotencyKey: randomUUID() }).expect(201);
    return { shopper, orderId };
  }
  const claimAgain = (userId: string) => api.post(`/internal/carts/${userId}/claims`).send({ orderId: randomUUID(), idempotencyKey: randomUUID() });

  it('when the placement that claimed the cart died before storing its order, then the lines can be ordered again once the claim lapses', async () => {
    const { shopper } = await claimedCart();
    expect((await claimAgain(shopper.id)).body.code).toBe('cart-already-ordered');

    now += ORPHANED_CLAIM_MS;
    const again = await claimAgain(shopper.id);

    expect(again.status).toBe(201);
    expect(again.body.lines).toEqual([{ productId: lamp.id, quantity: 2 }]);
  });

  it('when the order was placed, then its claim stands however long the saga takes, and a repeated event changes nothing', async () => {
    const { shopper, orderId } = await claimedCart();
    const placed = { orderId, userId: shopper.id, total: { amount: 5198, currency: 'USD' }, items: [] };

    await deliverEvent(subscriptions, Topics.orderPlaced, placed);
    await deliverEvent(subscriptions, Topics.orderPlaced, placed);
    now += 10 * ORPHANED_CLAIM_MS;

    const again = await claimAgain(shopper.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('cart-already-ordered');
    await api.post(`/internal/carts/${shopper.id}/claims/${orderId}/complete`).expect(204);
    expect((await api.get('/cart').set('authorization', shopper.auth)).body.itemCount).toBe(0);
  });

  it('when order-placed comes for an order whose claim was settled already, then the cart is left as it is', async () => {
    const { shopper, orderId } = await claimedCart();
    await api.post(`/internal/carts/${shopper.id}/claims/${orderId}/release`).expect(204);

    await deliverEvent(subscriptions, Topics.orderPlaced, { orderId, userId: shopper.id, total: { amount: 5198, currency: 'USD' }, items: [] });

    expect((await claimAgain(shopper.id)).status).toBe(201);
  });
});
