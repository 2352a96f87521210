import { DomainError } from '@shopmesh/platform';
import type { PromoClient } from '../clients/promos';
import { placeOrder, type NewOrder, type PlaceOrderPorts } from './place-order';

const USER = '00000000-0000-4000-8000-0000000000a1';
const LAMP = {
  id: '00000000-0000-4000-8000-000000000001',
  sellerId: '00000000-0000-4000-8000-0000000000bb',
  name: 'Lamp',
  price: { amount: 1500, currency: 'USD' },
};
const request = {
  shippingAddress: { name: 'Ada', line1: '1 Row', city: 'London', postalCode: 'N1', country: 'GB' },
  payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
};

function portsWith(promotions: PromoClient, save: (order: NewOrder) => Promise<boolean> = async () => true): { ports: PlaceOrderPorts; started: string[] } {
  const started: string[] = [];
  return {
    started,
    ports: {
      findByIdempotencyKey: async () => null,
      claimCart: async (_userId, claim) => ({ orderId: claim.orderId, lines: [{ productId: LAMP.id, quantity: 2 }], created: true }),
      releaseCart: async () => undefined,
      reserveStock: async () => undefined,
      releaseStock: async () => undefined,
      lookupProducts: async () => [LAMP],
      savedAddress: async () => request.shippingAddress,
      registerCard: async () => ({ token: '00000000-0000-4000-8000-0000000070c0', last4: '4242' }),
      save,
      startCheckout: async (order) => void started.push(order.id),
      promotions,
      newId: () => '00000000-0000-4000-8000-000000000009',
      clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    },
  };
}

describe('placing an order with a promo code', () => {
  it('when the cart carries a code, then it is redeemed for the priced lines and the order total is that much less', async () => {
    const redeemPromo = jest.fn(async () => ({ code: 'SAVE5', discount: { amount: 500, currency: 'USD' } }));
    const saved: NewOrder[] = [];
    const { ports } = portsWith({ redeemPromo, releasePromo: jest.fn() }, async (order) => (saved.push(order), true));

    await placeOrder(ports, USER, 'key-promo-1', request);

    expect(redeemPromo).toHaveBeenCalledWith({
      orderId: '00000000-0000-4000-8000-000000000009',
      userId: USER,
      lines: [expect.objectContaining({ sellerId: LAMP.sellerId, lineTotal: { amount: 3000, currency: 'USD' } })],
    });
    expect(saved[0]!.total).toEqual({ amount: 2500, currency: 'USD' });
    expect(saved[0]!.discount).toEqual({ code: 'SAVE5', amount: { amount: 500, currency: 'USD' } });
  });

  it('when another checkout used the code up, then the 409 naming it reaches the shopper and nothing is stored or started', async () => {
    const save = jest.fn(async () => true);
    const { ports, started } = portsWith(
      {
        redeemPromo: async () => {
          throw new DomainError(409, 'promo-exhausted', 'Promo code SAVE5 has been used up');
        },
        releasePromo: jest.fn(),
      },
      save,
    );

    await expect(placeOrder(ports, USER, 'key-promo-2', request)).rejects.toMatchObject({
      status: 409,
      code: 'promo-exhausted',
      message: expect.stringContaining('SAVE5'),
    });
    expect(save).not.toHaveBeenCalled();
    expect(started).toEqual([]);
  });

  it('when storing the order fails after the redemption, then the use is given back', async () => {
    const releasePromo = jest.fn(async () => undefined);
    const { ports } = portsWith({ redeemPromo: async () => ({ code: 'SAVE5', discount: { amount: 500, currency: 'USD' } }), releasePromo }, async () => {
      throw new Error('database down');
    });

    await expect(placeOrder(ports, USER, 'key-promo-3', request)).rejects.toThrow('database down');
    expect(releasePromo).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000009');
  });
});
