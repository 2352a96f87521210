import type { OrderStatus } from '@shopmesh/contracts';
import { cancelConfirmedOrder, deliverShipment, shipShipment, type LockedOrder, type OrderEvent, type OrderTx, type ShipmentState } from './fulfilment';

const ORDER = '00000000-0000-4000-8000-0000000000d1';
const SHOPPER = '00000000-0000-4000-8000-0000000000a1';
const ALICE = '00000000-0000-4000-8000-0000000000e1';
const BOB = '00000000-0000-4000-8000-0000000000e2';
const now = new Date('2026-01-02T00:00:00Z');
const ups = { carrier: 'UPS', trackingNumber: '1Z999' };

/** An order in memory with the transaction's operations; `steps` and `events` record what was written. */
function memoryOrder(status: OrderStatus, sellers: string[]) {
  const order: LockedOrder = { id: ORDER, userId: SHOPPER, status };
  const shipments: ShipmentState[] = sellers.map((sellerId) => ({ sellerId, status: 'CONFIRMED' }));
  const steps: string[] = [];
  const events: OrderEvent[] = [];
  const tx: OrderTx = {
    lockOrder: async (id) => (id === ORDER ? { ...order } : undefined),
    shipments: async () => shipments.map((s) => ({ ...s })),
    updateShipment: async (_id, sellerId, change) => {
      shipments.find((s) => s.sellerId === sellerId)!.status = change.status;
    },
    cancelShipments: async () => {
      for (const s of shipments) if (s.status === 'CONFIRMED') s.status = 'CANCELLED';
    },
    setStatus: async (_id, from, to, cancel) => {
      if (order.status !== from) return false;
      order.status = to;
      if (cancel) order.cancelCode = cancel.code;
      return true;
    },
    recordStep: async (_id, step, _outcome, _detail, sellerId) => {
      steps.push(sellerId ? `${step}:${sellerId === ALICE ? 'alice' : 'bob'}` : step);
    },
    publish: (event) => {
      events.push(event);
    },
  };
  return { tx, order, shipments, steps, events };
}

describe('fulfilment', () => {
  it('when both sellers of an order ship, then the order is SHIPPED only after the second, with a step and an event for each', async () => {
    const { tx, order, steps, events } = memoryOrder('CONFIRMED', [ALICE, BOB]);

    const afterAlice = await shipShipment(tx, ORDER, ALICE, ups, now);
    const afterBob = await shipShipment(tx, ORDER, BOB, { carrier: 'DHL', trackingNumber: 'JD01' }, now);

    expect([afterAlice, afterBob]).toEqual(['CONFIRMED', 'SHIPPED']);
    expect(order.status).toBe('SHIPPED');
    expect(steps).toEqual(['shipment-shipped:alice', 'shipment-shipped:bob', 'shipped']);
    expect(events.map((e) => [e.topic, 'orderStatus' in e.data ? e.data.orderStatus : undefined])).toEqual([
      ['shipped', 'CONFIRMED'],
      ['shipped', 'SHIPPED'],
    ]);
    expect(events[1]!.data).toMatchObject({ sellerId: BOB, carrier: 'DHL', trackingNumber: 'JD01', userId: SHOPPER });
  });

  it('when both shipments are delivered, then the order is DELIVERED after the second', async () => {
    const { tx, order, steps } = memoryOrder('CONFIRMED', [ALICE, BOB]);
    await shipShipment(tx, ORDER, ALICE, ups, now);
    await shipShipment(tx, ORDER, BOB, ups, now);

    await deliverShipment(tx, ORDER, ALICE, now);
    expect(order.status).toBe('SHIPPED');
    await deliverShipment(tx, ORDER, BOB, now);

    expect(order.status).toBe('DELIVERED');
    expect(steps.slice(-3)).toEqual(['shipment-delivered:alice', 'shipment-delivered:bob', 'delivered']);
  });

  it('when a seller ships twice or delivers before shipping, then 409 and nothing is written', async () => {
    const { tx, steps, events } = memoryOrder('CONFIRMED', [ALICE, BOB]);
    await expect(deliverShipment(tx, ORDER, ALICE, now)).rejects.toMatchObject({ status: 409, code: 'not-shipped' });
    await shipShipment(tx, ORDER, ALICE, ups, now);

    await expect(shipShipment(tx, ORDER, ALICE, ups, now)).rejects.toMatchObject({ status: 409, code: 'already-shipped' });
    expect(steps).toEqual(['shipment-shipped:alice']);
    expect(events).toHaveLength(1);
  });

  it('when a seller without lines in the order ships it, then 404 like a missing order', async () => {
    const { tx } = memoryOrder('CONFIRMED', [ALICE]);

    await expect(shipShipment(tx, ORDER, BOB, ups, now)).rejects.toMatchObject({ status: 404 });
    await expect(shipShipment(tx, '00000000-0000-4000-8000-0000000000ff', ALICE, ups, now)).rejects.toMatchObject({ status: 404 });
  });

  it('when a confirmed order nobody shipped is cancelled, then it and its shipments are CANCELLED with the shopper reason and the event', async () => {
    const { tx, order, shipments, events } = memoryOrder('CONFIRMED', [ALICE, BOB]);

    const outcome = await cancelConfirmedOrder(tx, ORDER, 'cancelled by the shopper');

    expect(outcome).toBe('cancelled');
    expect(order).toMatchObject({ status: 'CANCELLED', cancelCode: 'cancelled-by-shopper' });
    expect(shipments.map((s) => s.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(events).toEqual([
      { topic: 'cancelled', data: { orderId: ORDER, userId: SHOPPER, reason: 'cancelled by the shopper', code: 'cancelled-by-shopper' } },
    ]);
    await expect(cancelConfirmedOrder(tx, ORDER, 'again')).resolves.toBe('already-cancelled');
    await expect(shipShipment(tx, ORDER, ALICE, ups, now)).rejects.toMatchObject({ status: 409, code: 'order-cancelled' });
  });

  it('when one seller has shipped, then the cancel is a 409 and nothing changes', async () => {
    const { tx, order, events } = memoryOrder('CONFIRMED', [ALICE, BOB]);
    await shipShipment(tx, ORDER, ALICE, ups, now);

    await expect(cancelConfirmedOrder(tx, ORDER, 'x')).rejects.toMatchObject({ status: 409, code: 'order-shipped' });
    expect(order.status).toBe('CONFIRMED');
    expect(events.map((e) => e.topic)).toEqual(['shipped']);
  });

  it('when a delivered order is cancelled, then 409 order-delivered', async () => {
    const { tx } = memoryOrder('DELIVERED', [ALICE]);

    await expect(cancelConfirmedOrder(tx, ORDER, 'x')).rejects.toMatchObject({ status: 409, code: 'order-delivered' });
  });
});
