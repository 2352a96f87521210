import { Address } from '@shopmesh/contracts';
import type { Invoker } from '@shopmesh/platform';

/** Identity as orders uses it. */
export interface IdentityClient {
  /** One of the shopper's saved addresses; a 404 when it is not theirs. */
  savedAddress(userId: string, addressId: string): Promise<Address>;
}

export function identityClient(invoke: Invoker): IdentityClient {
  return {
    savedAddress: (userId, addressId) => invoke.json('identity', { method: 'GET', path: `/internal/users/${userId}/addresses/${addressId}` }, Address),
  };
}
