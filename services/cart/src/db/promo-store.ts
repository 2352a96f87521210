import { conflict, isStaleState, type StateStore } from '@shopmesh/platform';
import type { Money } from '@shopmesh/contracts';
import type { PromoStore } from '../domain/ports';
import { unknownPromo, type StoredPromo } from '../domain/promo';

const ATTEMPTS = 50;
const MAX_RETRY_PAUSE_MS = 50;
const REDEMPTION_TTL_SECONDS = 90 * 24 * 60 * 60;
const promoKey = (code: string) => `promo:${code}`;
const ownerKey = (sellerId: string | null) => `promo-owner:${sellerId ?? 'shop'}`;
const redemptionKey = (orderId: string) => `promo-redemption:${orderId}`;
const pause = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_RETRY_PAUSE_MS, 2 ** attempt)));

/** An order's use of a code; `discount` is missing while the use is being counted. */
interface Redemption {
  code: string;
  discount?: Money;
}

/**
 * Promo codes in the state store: one key per code (its definition and use count), one per owner (the
 * codes it defined) and one per redeeming order. Every write is create-if-absent or conditional on the
 * version read (first write wins), so replicas never count past a limit nor create a code twice; a
 * writer that lost a race tries again after a short random pause.
 */
export function createStatePromoStore(state: StateStore): PromoStore {
  /** Reads, changes and writes a key under its version until no one else wrote in between. */
  async function update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await state.get<T>(key);
      const next = change(current?.value);
      if (next === undefined) return;
      try {
        await state.save(key, next, current ? { etag: current.etag } : { onlyIfAbsent: true });
        return;
      } catch (err) {
        if (!isStaleState(err)) throw err;
        await pause(attempt);
      }
    }
    throw conflict('promo-busy', 'The promo code is being changed concurrently; try again');
  }

  return {
    async get(code) {
      const entry = await state.get<StoredPromo>(promoKey(code));
      return entry && { promo: entry.value, etag: entry.etag };
    },

    async create(promo) {
      try {
        await state.save(promoKey(promo.code), promo, { onlyIfAbsent: true });
      } catch (err) {
        if (isStaleState(err)) return false;
        throw err;
      }
      await update<string[]>(ownerKey(promo.sellerId), (codes = []) => (codes.includes(promo.code) ? undefined : [...codes, promo.code]));
      return true;
    },

    async list(sellerId) {
      const codes = (await state.get<string[]>(ownerKey(sellerId)))?.value ?? [];
      const entries = await state.getBulk<StoredPromo>(codes.map(promoKey));
      return codes.flatMap((code) => entries.get(promoKey(code))?.value ?? []);
    },

    async redeem(code, orderId, price) {
      // The order's use is claimed first, so two attempts for one order never count it twice.
      let claim: string;
      try {
        claim = await state.save(redemptionKey(orderId), { code } satisfies Redemption, { onlyIfAbsent: true, ttlSeconds: REDEMPTION_TTL_SECONDS });
      } catch (err) {
        if (!isStaleState(err)) throw err;
        const done = (await state.get<Redemption>(redemptionKey(orderId)))?.value;
        if (done?.discount) return done.discount;
        throw conflict('promo-busy', `Promo code ${code} is being redeemed for this order already; try again`);
      }
      try {
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const current = await state.get<StoredPromo>(promoKey(code));
          if (!current) throw unknownPromo(code);
          const discount = price(current.value);
          try {
            await state.save(promoKey(code), { ...current.value, usedCount: current.value.usedCount + 1 }, { etag: current.etag });
          } catch (err) {
            if (!isStaleState(err)) throw err;
            await pause(attempt);
            continue;
          }
          await state.save(redemptionKey(orderId), { code, discount } satisfies Redemption, { etag: claim, ttlSeconds: REDEMPTION_TTL_SECONDS });
          return discount;
        }
        throw conflict('promo-busy', `Promo code ${code} is being redeemed concurrently; try again`);
      } catch (err) {
        // Not counted: the claim goes, so the order may try again.
        await state.delete(redemptionKey(orderId), { etag: claim }).catch(() => undefined);
        throw err;
      }
    },

    async release(orderId) {
      const done = await state.get<Redemption>(redemptionKey(orderId));
      if (!done?.value.discount) return;
      // Deleting at the version read claims the release: of two at once, only one gives the use back.
      try {
        await state.delete(redemptionKey(orderId), { etag: done.etag });
      } catch (err) {
        if (isStaleState(err)) return;
        throw err;
      }
      await update<StoredPromo>(promoKey(done.value.code), (promo) => promo && { ...promo, usedCount: Math.max(0, promo.usedCount - 1) });
    },
  };
}
