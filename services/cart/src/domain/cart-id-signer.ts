import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Secrets, StateStore } from '@shopmesh/platform';

const KEY_STATE = 'cart-id-signing-key';
const SIGNED_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** Issues and checks the signed ids of guest carts (`<uuid>.<HMAC-SHA256 of the uuid>`). */
export interface CartIdSigner {
  /** A new guest cart id and its signed form. */
  issue(): { id: string; signed: string };
  /** The guest cart id a signed id stands for, or undefined when it is malformed or its signature does not match. */
  verify(signed: string): string | undefined;
}

/** A signer over `key`: the id alone names nothing, so a guessed or edited id never opens someone's cart. */
export function createCartIdSigner(key: Buffer): CartIdSigner {
  const sign = (id: string) => createHmac('sha256', key).update(id).digest('base64url');
  return {
    issue() {
      const id = randomUUID();
      return { id, signed: `${id}.${sign(id)}` };
    },
    verify(signed) {
      const match = SIGNED_ID.exec(signed.trim());
      if (!match) return undefined;
      const expected = Buffer.from(sign(match[1]!));
      const presented = Buffer.from(match[2]!);
      return expected.length === presented.length && timingSafeEqual(expected, presented) ? match[1] : undefined;
    },
  };
}

/**
 * The signing key: the `cart-id-signing-key` secret when set (deployments), else one generated on first
 * start and kept in the state store so every replica and restart signs alike. Replicas racing to create
 * it read back what was stored last, so they settle on one key.
 */
export async function loadCartIdKey(secrets: Secrets, state: StateStore): Promise<Buffer> {
  const secret = await secrets.get(KEY_STATE);
  if (secret) return Buffer.from(secret, 'utf8');
  const stored = await state.get<string>(KEY_STATE);
  if (stored) return Buffer.from(stored.value, 'base64url');
  await state.save(KEY_STATE, randomBytes(32).toString('base64url'));
  return Buffer.from((await state.get<string>(KEY_STATE))!.value, 'base64url');
}
