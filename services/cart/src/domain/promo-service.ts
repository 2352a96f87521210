import type { CreatePromoCodeRequest, PromoCode, PromoRedemption, RedeemPromoRequest } from '@shopmesh/contracts';
import { conflict, type Clock } from '@shopmesh/platform';
import type { CartStore, PromoStore } from './ports';
import { promoDiscount, type StoredPromo } from './promo';

const toPromoCode = (p: StoredPromo): PromoCode => ({
  code: p.code,
  kind: p.kind,
  value: p.value,
  currency: p.currency,
  minSubtotal: p.minSubtotal,
  expiresAt: p.expiresAt,
  usageLimit: p.usageLimit,
  usedCount: p.usedCount,
  sellerId: p.sellerId,
  createdAt: p.createdAt,
});

/** Defining promo codes (sellers for their products, admins for the shop) and spending them at checkout. */
export function createPromoService(deps: { promos: PromoStore; carts: CartStore; clock: Clock }) {
  return {
    /** Defines a code; `sellerId` null makes it the shop's own. A code that exists is a 409 naming it. */
    async create(sellerId: string | null, createdBy: string, request: CreatePromoCodeRequest): Promise<PromoCode> {
      const promo: StoredPromo = {
        code: request.code,
        kind: request.kind,
        value: request.value,
        currency: request.currency ?? null,
        minSubtotal: request.minSubtotal,
        expiresAt: request.expiresAt ?? null,
        usageLimit: request.usageLimit ?? null,
        usedCount: 0,
        sellerId,
        createdBy,
        createdAt: deps.clock.now().toISOString(),
      };
      if (!(await deps.promos.create(promo))) throw conflict('promo-code-taken', `Promo code ${promo.code} exists already`);
      return toPromoCode(promo);
    },

    async list(sellerId: string | null): Promise<PromoCode[]> {
      return (await deps.promos.list(sellerId)).map(toPromoCode);
    },

    /**
     * At placement: spends one use of the promo code on the shopper's cart for this order, judged on
     * the lines as orders priced them. A code used up meanwhile by another checkout is a 409 naming it.
     */
    async redeem(request: RedeemPromoRequest): Promise<PromoRedemption> {
      const code = (await deps.carts.get(request.userId))?.cart.promoCode;
      if (!code) return { code: null, discount: null };
      const discount = await deps.promos.redeem(code, request.orderId, (promo) => promoDiscount(promo, request.lines, deps.clock.now()));
      return { code, discount };
    },

    release: (orderId: string) => deps.promos.release(orderId),
  };
}

export type PromoService = ReturnType<typeof createPromoService>;
