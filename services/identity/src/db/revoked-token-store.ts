import type { Clock, StateStore } from '@shopmesh/platform';
import type { RevokedAccessTokens } from '../domain/ports';

const key = (jti: string) => `revoked-jti|${jti}`;

/** The deny list in the state store: one key per revoked jti, expiring with the token itself. */
export function createStateRevokedTokens(state: StateStore, clock: Clock): RevokedAccessTokens {
  return {
    async deny(tokens) {
      const now = clock.now().getTime();
      await Promise.all(
        tokens
          .filter((t) => t.expiresAt.getTime() > now)
          .map((t) => state.save(key(t.jti), true, { ttlSeconds: Math.ceil((t.expiresAt.getTime() - now) / 1000) + 1 })),
      );
    },
    isRevoked: async (jti) => (await state.get<boolean>(key(jti)))?.value === true,
  };
}
