import type { Subscription } from '@shopmesh/platform';
import type { EdgeCache } from '../middleware/edge-cache';

/** The events the gateway consumes: product changes empty its edge cache of anonymous catalog reads. */
export function gatewaySubscriptions(cache: EdgeCache): Subscription<any>[] {
  return [cache.subscription()];
}
