import { PromoRedemption, type Money, type RedeemPromoRequest } from '@shopmesh/contracts';
import type { Invoker } from '@shopmesh/platform';
import { z } from 'zod';

/** The cart's promo codes as orders uses them at placement. */
export interface PromoClient {
  /** Spends the cart's promo code on the order (idempotent per order); null when the cart has none. A used-up code is a 409 naming it. */
  redeemPromo(request: RedeemPromoRequest): Promise<{ code: string; discount: Money } | null>;
  /** Gives back what the order redeemed, when the order was not stored after all. */
  releasePromo(orderId: string): Promise<void>;
}

export function promoClient(invoke: Invoker): PromoClient {
  return {
    async redeemPromo(request) {
      const redemption = await invoke.json('cart', { method: 'POST', path: '/internal/promos/redeem', body: request }, PromoRedemption);
      return redemption.code && redemption.discount ? { code: redemption.code, discount: redemption.discount } : null;
    },
    async releasePromo(orderId) {
      await invoke.json('cart', { method: 'POST', path: '/internal/promos/release', body: { orderId } }, z.unknown());
    },
  };
}
