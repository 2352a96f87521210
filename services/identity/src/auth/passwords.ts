import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/ports';

/**
 * argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes, 1 lane, which is
 * OWASP's recommended minimum.
 */
export function createArgon2Hasher(): PasswordHasher {
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password),
    async verify(stored, password) {
      dummy ??= hash(randomBytes(16).toString('hex'));
      try {
        const matches = await verify(stored ?? (await dummy), password);
        return stored !== undefined && matches;
      } catch {
        return false;
      }
    },
  };
}
