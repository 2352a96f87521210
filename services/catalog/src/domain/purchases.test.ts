import type { CatalogStore, OrderLineSeen } from './ports';
import { orderCancelled, orderConfirmed } from './purchases';

const ORDER = 'a1b2c3d4-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-0000000000b1';
const SELLER = '00000000-0000-4000-8000-000000000002';
const line = (productId: string, quantity = 1) => ({ productId, sellerId: SELLER, name: 'Thing', quantity, unitPrice: { amount: 100, currency: 'USD' } });
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('purchase projection', () => {
  it('when an order is confirmed, then one line per distinct product is recorded for its buyer', async () => {
    const recorded: OrderLineSeen[][] = [];
    const store = { recordConfirmedOrder: async (lines: OrderLineSeen[]) => void recorded.push(lines) } as unknown as CatalogStore;
    const at = new Date('2026-03-01T00:00:00Z');

    await orderConfirmed({ store }, { orderId: ORDER, userId: USER, total: { amount: 300, currency: 'USD' }, items: [line(A), line(B, 2), line(A)] }, at);

    expect(recorded).toEqual([
      [
        { orderId: ORDER, productId: A, userId: USER, confirmedAt: at, cancelledAt: null },
        { orderId: ORDER, productId: B, userId: USER, confirmedAt: at, cancelledAt: null },
      ],
    ]);
  });

  it('when an order is cancelled, then its lines are marked cancelled at that time', async () => {
    const cancelled: [string, Date][] = [];
    const store = { recordCancelledOrder: async (id: string, at: Date) => void cancelled.push([id, at]) } as unknown as CatalogStore;
    const at = new Date('2026-03-02T00:00:00Z');

    await orderCancelled({ store }, { orderId: ORDER, userId: USER, reason: 'cancelled-by-shopper' }, at);

    expect(cancelled).toEqual([[ORDER, at]]);
  });
});
