import type { Reservation } from '@shopmesh/contracts';
import { DomainError } from '@shopmesh/platform';
import type { InventoryClient } from '../clients/inventory';
import type { OrderStore } from '../db/order-store';
import { reserveStock, type StepResult } from '../domain/checkout-workflow';
import { checkoutActivities, type CheckoutActivityDeps } from './activities';

const ORDER = '00000000-0000-4000-8000-0000000000c1';
const items = [{ productId: '00000000-0000-4000-8000-000000000001', quantity: 1 }];

/** The saga's reserve step over an inventory that answers `reserve` as given; the steps it records. */
function reserveStep(reserve: InventoryClient['reserve']) {
  const steps: { step: string; outcome: string; detail?: string }[] = [];
  const store = {
    recordStep: async (_id: string, step: string, outcome: string, detail?: string) => void steps.push({ step, outcome, ...(detail ? { detail } : {}) }),
  } as unknown as OrderStore;
  const deps = { store, inventory: { reserve } as InventoryClient } as CheckoutActivityDeps;
  const implementation = checkoutActivities(deps).find((a) => a.activity.name === reserveStock.name)!;
  const run = () => (implementation.run as (input: unknown) => Promise<StepResult>)({ orderId: ORDER, items, ttlSeconds: 60 });
  return { run, steps };
}

const reservation = (status: Reservation['status']): Reservation => ({ orderId: ORDER, status, items, expiresAt: '2026-01-01T00:01:00.000Z' });

describe('the saga reserve step', () => {
  it('when placing the order held the stock, then the step finds the hold and records stock-reserved', async () => {
    const { run, steps } = reserveStep(async () => reservation('reserved'));

    await expect(run()).resolves.toEqual({ ok: true });
    expect(steps).toEqual([{ step: 'stock-reserved', outcome: 'ok' }]);
  });

  it('when the hold was released before the saga ran (it expired), then the step fails as stock unavailable instead of selling unheld stock', async () => {
    const { run, steps } = reserveStep(async () => reservation('released'));

    const reason = 'the stock held for this order was released before the saga ran';
    await expect(run()).resolves.toEqual({ ok: false, reason });
    expect(steps).toEqual([{ step: 'stock-unavailable', outcome: 'failed', detail: reason }]);
  });

  it('when inventory is short, then the step fails as stock unavailable with inventory’s reason', async () => {
    const { run, steps } = reserveStep(async () => {
      throw new DomainError(409, 'insufficient-stock', 'Insufficient stock');
    });

    await expect(run()).resolves.toEqual({ ok: false, reason: 'Insufficient stock' });
    expect(steps).toEqual([{ step: 'stock-unavailable', outcome: 'failed', detail: 'Insufficient stock' }]);
  });
});
