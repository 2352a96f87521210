import { conflict, DomainError, type StateStore } from '@shopmesh/platform';
import type { Money } from '@shopmesh/contracts';
import type { PromoStore } from '../domain/ports';
import { unknownPromo, type StoredPromo } from '../domain/promo';
import { createKeyedMutex } from './keyed-mutex';

const ATTEMPTS = 50;
const REDEMPTION_TTL_SECONDS = 90 * 24 * 60 * 60;
const promoKey = (code: string) => `promo:${code}`;
const ownerKey = (sellerId: string | null) => `promo-owner:${sellerId ?? 'shop'}`;
const redemptionKey = (orderId: string) => `promo-redemption:${orderId}`;
const isEtagMismatch = (err: unknown) => err instanceof DomainError && err.code === 'etag-mismatch';

interface Redemption {
  code: string;
  discount: Money;
}

/**
 * Promo codes in the state store: one key per code (its definition and use count), one per owner (the
 * codes it defined) and one per redeeming order. Counting a use is a conditional write on the code's
 * version (first write wins, so replicas never count past the limit); writes of this process to one
 * code are serialized first, so a burst of checkouts does not spin on lost races.
 */
export function createStatePromoStore(state: StateStore): PromoStore {
  const mutex = createKeyedMutex();

  /** Reads, changes and writes a key under its version until no one else wrote in between. */
  async function update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await state.get<T>(key);
      const next = change(current?.value);
      if (next === undefined) return;
      try {
        await state.save(key, next, current ? { etag: current.etag } : {});
        return;
      } catch (err) {
        if (!isEtagMismatch(err)) throw err;
      }
    }
    throw conflict('promo-busy', 'The promo code is being changed concurrently; try again');
  }

  return {
    async get(code) {
      const entry = await state.get<StoredPromo>(promoKey(code));
      return entry && { promo: entry.value, etag: entry.etag };
    },

    create: (promo) =>
      mutex.run(promoKey(promo.code), async () => {
        if (await state.get(promoKey(promo.code))) return false;
        await state.save(promoKey(promo.code), promo);
        await update<string[]>(ownerKey(promo.sellerId), (codes = []) => (codes.includes(promo.code) ? undefined : [...codes, promo.code]));
        return true;
      }),

    async list(sellerId) {
      const codes = (await state.get<string[]>(ownerKey(sellerId)))?.value ?? [];
      const entries = await state.getBulk<StoredPromo>(codes.map(promoKey));
      return codes.flatMap((code) => entries.get(promoKey(code))?.value ?? []);
    },

    redeem: (code, orderId, price) =>
      mutex.run(promoKey(code), async () => {
        const done = await state.get<Redemption>(redemptionKey(orderId));
        if (done) return done.value.discount;
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const current = await state.get<StoredPromo>(promoKey(code));
          if (!current) throw unknownPromo(code);
          const discount = price(current.value);
          try {
            await state.save(promoKey(code), { ...current.value, usedCount: current.value.usedCount + 1 }, { etag: current.etag });
          } catch (err) {
            if (isEtagMismatch(err)) continue;
            throw err;
          }
          await state.save(redemptionKey(orderId), { code, discount } satisfies Redemption, { ttlSeconds: REDEMPTION_TTL_SECONDS });
          return discount;
        }
        throw conflict('promo-busy', `Promo code ${code} is being redeemed concurrently; try again`);
      }),

    release: (orderId) =>
      mutex.run(redemptionKey(orderId), async () => {
        const done = await state.get<Redemption>(redemptionKey(orderId));
        if (!done) return;
        await update<StoredPromo>(promoKey(done.value.code), (promo) => promo && { ...promo, usedCount: Math.max(0, promo.usedCount - 1) });
        await state.delete(redemptionKey(orderId));
      }),
  };
}
