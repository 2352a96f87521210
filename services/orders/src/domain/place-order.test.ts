import { createHash } from 'node:crypto';
import type { PlaceOrderRequest } from '@shopmesh/contracts';
import { DomainError } from '@shopmesh/platform';
import { placeOrder, type NewOrder, type PlaceOrderPorts } from './place-order';

const USER = '00000000-0000-4000-8000-0000000000a1';
const LAMP = {
  id: '00000000-0000-4000-8000-000000000001',
  sellerId: '00000000-0000-4000-8000-0000000000bb',
  name: 'Lamp',
  price: { amount: 1500, currency: 'USD' },
};
const address = { name: 'Ada', line1: '1 Row', city: 'London', postalCode: 'N1', country: 'GB' };
const request = (overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  shippingAddress: address,
  payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  ...overrides,
});

function fakePorts(overrides: Partial<PlaceOrderPorts> = {}) {
  const saved: NewOrder[] = [];
  const started: string[] = [];
  const released: string[] = [];
  const reserved: { orderId: string; lines: { productId: string; quantity: number }[] }[] = [];
  const stockReleased: string[] = [];
  let next = 0;
  const ports: PlaceOrderPorts = {
    findByIdempotencyKey: async (userId, key) => {
      const order = saved.find((o) => o.userId === userId && o.idempotencyKey === key);
      return order ? { id: order.id, status: 'PENDING', requestHash: order.requestHash } : null;
    },
    claimCart: async (_userId, claim) => ({ orderId: claim.orderId, lines: [{ productId: LAMP.id, quantity: 2 }], created: true }),
    releaseCart: async (_userId, orderId) => {
      released.push(orderId);
    },
    reserveStock: async (orderId, lines) => {
      reserved.push({ orderId, lines });
    },
    releaseStock: async (orderId) => {
      stockReleased.push(orderId);
    },
    lookupProducts: async () => [LAMP],
    savedAddress: async () => ({ ...address, city: 'Saved City' }),
    registerCard: async (card) => ({ token: '00000000-0000-4000-8000-0000000070c0', last4: card.cardNumber.slice(-4) }),
    save: async (order) => {
      saved.push(order);
      return true;
    },
    startCheckout: async (order) => {
      started.push(order.id);
    },
    newId: () => `00000000-0000-4000-8000-00000000000${++next}`,
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    ...overrides,
  };
  return { ports, saved, started, released, reserved, stockReleased };
}

describe('placeOrder', () => {
  it('when the cart has lines, then the order is saved PENDING with catalog prices, the card token and only its last four digits, and the saga starts', async () => {
    const { ports, saved, started } = fakePorts();

    const placed = await placeOrder(ports, USER, 'key-000001', request());

    expect(placed).toEqual({ id: saved[0]!.id, status: 'PENDING', replayed: false });
    expect(saved[0]).toMatchObject({ total: { amount: 3000, currency: 'USD' }, paymentLast4: '4242', paymentMethod: '00000000-0000-4000-8000-0000000070c0' });
    expect(JSON.stringify(saved[0])).not.toContain('4242424242424242');
    expect(started).toEqual([placed.id]);
  });

  it('when the same key comes again with the same request, then the first order is answered and nothing new is saved', async () => {
    const { ports, saved, started } = fakePorts();
    const first = await placeOrder(ports, USER, 'key-000001', request());

    const again = await placeOrder(ports, USER, 'key-000001', request());

    expect(again).toEqual({ id: first.id, status: 'PENDING', replayed: true });
    expect(saved).toHaveLength(1);
    expect(started).toHaveLength(1);
  });

  it('when the same key comes with a different request, then it is a 422 naming the header', async () => {
    const { ports } = fakePorts();
    await placeOrder(ports, USER, 'key-000001', request());

    await expect(placeOrder(ports, USER, 'key-000001', request({ shippingAddress: { ...address, city: 'Paris' } }))).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: 'headers.idempotency-key' })],
    });
  });

  it('when the same key comes with another card that has the same last four digits, then it is a 422', async () => {
    const { ports } = fakePorts();
    await placeOrder(ports, USER, 'key-000001', request());

    const otherCard = request({ payment: { cardNumber: '4000056655664242', expMonth: 12, expYear: 2030, cvc: '123' } });

    await expect(placeOrder(ports, USER, 'key-000001', otherCard)).rejects.toMatchObject({ status: 422, code: 'idempotency-key-reused' });
  });

  it('when the same key comes with the same request in another key order, then it is a replay', async () => {
    const { ports } = fakePorts();
    const first = await placeOrder(ports, USER, 'key-000001', request());
    const reordered: PlaceOrderRequest = {
      payment: { cvc: '123', expYear: 2030, expMonth: 12, cardNumber: '4242424242424242' },
      shippingAddress: { country: 'GB', postalCode: 'N1', city: 'London', line1: '1 Row', name: 'Ada' },
    };

    await expect(placeOrder(ports, USER, 'key-000001', reordered)).resolves.toEqual({ id: first.id, status: 'PENDING', replayed: true });
  });

  it('when an order is saved, then its fingerprint does not contain a plain hash of the card number', async () => {
    const { ports, saved } = fakePorts();

    await placeOrder(ports, USER, 'key-000001', request());

    const plain = createHash('sha256').update('4242424242424242').digest('hex');
    expect(JSON.stringify(saved[0])).not.toContain(plain);
    expect(saved[0]!.requestHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when a concurrent request with the same key saved first, then its order is answered and no saga is started here', async () => {
    const reference = fakePorts();
    await placeOrder(reference.ports, USER, 'key-000002', request());
    const winner = { id: 'the-winner', status: 'PENDING' as const, requestHash: reference.saved[0]!.requestHash };
    let lookups = 0;
    const { ports, started } = fakePorts({ findByIdempotencyKey: async () => (lookups++ === 0 ? null : winner), save: async () => false });

    const placed = await placeOrder(ports, USER, 'key-000002', request());

    expect(placed).toEqual({ id: 'the-winner', status: 'PENDING', replayed: true });
    expect(started).toHaveLength(0);
  });

  it('when an address id is given, then the saved address is shipped to', async () => {
    const { ports, saved } = fakePorts();

    await placeOrder(ports, USER, 'key-000003', { payment: request().payment, addressId: '00000000-0000-4000-8000-0000000000ad' });

    expect(saved[0]!.shippingAddress.city).toBe('Saved City');
  });

  it('when the cart is empty, then nothing is saved and no card is registered', async () => {
    const registerCard = jest.fn();
    const { ports, saved } = fakePorts({
      claimCart: async () => {
        throw new DomainError(422, 'cart-empty', 'The cart is empty');
      },
      registerCard,
    });

    await expect(placeOrder(ports, USER, 'key-000004', request())).rejects.toMatchObject({ status: 422, code: 'cart-empty' });
    expect(saved).toHaveLength(0);
    expect(registerCard).not.toHaveBeenCalled();
  });

  it('when another order holds the cart, then it is a 409 cart-already-ordered and nothing is saved', async () => {
    const { ports, saved } = fakePorts({
      claimCart: async () => {
        throw new DomainError(409, 'cart-already-ordered', 'Everything in this cart has been ordered already');
      },
    });

    await expect(placeOrder(ports, USER, 'key-000005', request())).rejects.toMatchObject({ status: 409, code: 'cart-already-ordered' });
    expect(saved).toHaveLength(0);
  });

  it('when the order id comes from an earlier claim of the same key, then the order is stored under it', async () => {
    const { ports, saved } = fakePorts({
      claimCart: async () => ({ orderId: '00000000-0000-4000-8000-0000000000c1', lines: [{ productId: LAMP.id, quantity: 1 }], created: false }),
    });

    const placed = await placeOrder(ports, USER, 'key-000006', request());

    expect(placed.id).toBe('00000000-0000-4000-8000-0000000000c1');
    expect(saved[0]!.id).toBe('00000000-0000-4000-8000-0000000000c1');
  });

  it('when the card is refused after the cart was claimed, then the claim and the held stock are given back and nothing is saved', async () => {
    const { ports, saved, released, stockReleased } = fakePorts({
      registerCard: async () => {
        throw new DomainError(400, 'validation-failed', 'body.payment.cardNumber: fails the Luhn check');
      },
    });

    await expect(placeOrder(ports, USER, 'key-000007', request())).rejects.toMatchObject({ status: 400 });
    expect(saved).toHaveLength(0);
    expect(released).toEqual(['00000000-0000-4000-8000-000000000001']);
    expect(stockReleased).toEqual(['00000000-0000-4000-8000-000000000001']);
  });

  it('when the order is placed, then the claimed lines are held in stock under the order id before it is saved', async () => {
    const heldWhenSaved: number[] = [];
    const { ports, saved, reserved, stockReleased } = fakePorts();
    const save = ports.save;
    ports.save = async (order) => {
      heldWhenSaved.push(reserved.length);
      return save(order);
    };

    const placed = await placeOrder(ports, USER, 'key-000009', request());

    expect(reserved).toEqual([{ orderId: placed.id, lines: [{ productId: LAMP.id, quantity: 2 }] }]);
    expect(heldWhenSaved).toEqual([1]);
    expect(saved).toHaveLength(1);
    expect(stockReleased).toEqual([]);
  });

  it('when a line is sold out, then it is a 409 out-of-stock naming the product by name, at once: no card registered, nothing saved, no saga, the cart given back', async () => {
    const registerCard = jest.fn();
    const { ports, saved, started, released, stockReleased } = fakePorts({
      reserveStock: async () => {
        throw new DomainError(409, 'insufficient-stock', `Insufficient stock for product ${LAMP.id}: requested 2, available 0`);
      },
      registerCard,
    });

    const err = await placeOrder(ports, USER, 'key-000010', request()).catch((e: unknown) => e);

    expect(err).toMatchObject({ status: 409, code: 'out-of-stock', message: 'Not enough stock left for Lamp' });
    expect(registerCard).not.toHaveBeenCalled();
    expect(saved).toHaveLength(0);
    expect(started).toHaveLength(0);
    expect(released).toEqual(['00000000-0000-4000-8000-000000000001']);
    expect(stockReleased).toEqual([]);
  });

  it('when a concurrent request under the same key holds the claim and fails, then the claim is left to it', async () => {
    const { ports, released } = fakePorts({
      claimCart: async () => ({ orderId: '00000000-0000-4000-8000-0000000000c1', lines: [{ productId: LAMP.id, quantity: 1 }], created: false }),
      lookupProducts: async () => {
        throw new DomainError(502, 'upstream-unavailable', 'catalog is unavailable');
      },
    });

    await expect(placeOrder(ports, USER, 'key-000008', request())).rejects.toMatchObject({ status: 502 });
    expect(released).toEqual([]);
  });
});
