import { DomainError } from '@shopmesh/platform';
import type { ReservationRow } from './ports';
import { decideCommit, decideRelease, expiryOf, insufficientStock, isExpired, mergeLines, toReservation } from './reservation-rules';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const row = (overrides: Partial<ReservationRow> = {}): ReservationRow => ({
  orderId: '00000000-0000-4000-8000-000000000001',
  productId: A,
  quantity: 2,
  status: 'reserved',
  expiresAt: new Date('2025-01-01T00:15:00Z'),
  ...overrides,
});

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('mergeLines', () => {
  it('when lines repeat a product, then their quantities are added into one line', () => {
    expect(
      mergeLines([
        { productId: A, quantity: 2 },
        { productId: A, quantity: 3 },
      ]),
    ).toEqual([{ productId: A, quantity: 5 }]);
  });

  it('when lines name several products, then they come back sorted by product id (one lock order for everyone)', () => {
    expect(
      mergeLines([
        { productId: B, quantity: 1 },
        { productId: A, quantity: 4 },
      ]).map((l) => l.productId),
    ).toEqual([A, B]);
  });
});

describe('decideRelease', () => {
  it('when the reservation holds stock, then it is released', () => {
    expect(decideRelease('reserved')).toBe('release');
  });

  it('when it was already released or never existed, then release is a no-op', () => {
    expect(decideRelease('released')).toBe('noop');
    expect(decideRelease(undefined)).toBe('noop');
  });

  it('when it was committed, then release is a 409 reservation-committed', () => {
    const err = thrown(() => decideRelease('committed'));
    expect([err.status, err.code]).toEqual([409, 'reservation-committed']);
  });
});

describe('decideCommit', () => {
  it('when the reservation holds stock, then it is committed', () => {
    expect(decideCommit('reserved')).toBe('commit');
  });

  it('when it was already committed, then commit is a no-op', () => {
    expect(decideCommit('committed')).toBe('noop');
  });

  it('when it was released, then commit is a 409 reservation-released', () => {
    const err = thrown(() => decideCommit('released'));
    expect([err.status, err.code]).toEqual([409, 'reservation-released']);
  });

  it('when the order reserved nothing, then commit is a 404', () => {
    expect(thrown(() => decideCommit(undefined)).status).toBe(404);
  });
});

describe('isExpired', () => {
  it('when a reserved reservation is past its expiry, then it is expired', () => {
    expect(isExpired([row()], new Date('2025-01-01T00:15:00Z'))).toBe(true);
  });

  it('when it is still within its time, then it is not expired', () => {
    expect(isExpired([row()], new Date('2025-01-01T00:14:59Z'))).toBe(false);
  });

  it('when it was committed or released meanwhile, then the sweeper leaves it alone', () => {
    const late = new Date('2025-01-02T00:00:00Z');
    expect(isExpired([row({ status: 'committed' })], late)).toBe(false);
    expect(isExpired([row({ status: 'released' })], late)).toBe(false);
    expect(isExpired([], late)).toBe(false);
  });
});

describe('insufficientStock', () => {
  it('when built, then it is a 409 insufficient-stock naming the product and what is left', () => {
    const err = insufficientStock(A, 3, 1);
    expect([err.status, err.code]).toEqual([409, 'insufficient-stock']);
    expect(err.message).toContain(A);
    expect(err.message).toContain('available 1');
  });
});

describe('expiryOf and toReservation', () => {
  it('when a ttl is given, then the expiry is that many seconds from now', () => {
    expect(expiryOf(new Date('2025-01-01T00:00:00Z'), 90).toISOString()).toBe('2025-01-01T00:01:30.000Z');
  });

  it('when an order reserved nothing, then its reservation has no items and no expiry', () => {
    expect(toReservation(row().orderId, [], 'released')).toEqual({ orderId: row().orderId, status: 'released', items: [], expiresAt: null });
  });
});
