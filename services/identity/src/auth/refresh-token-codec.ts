import { createHash, randomBytes } from 'node:crypto';
import type { RefreshTokenCodec } from '../domain/ports';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** 256 random bits, base64url; only the sha256 hash is stored, so a leaked table yields no tokens. */
export const refreshTokenCodec: RefreshTokenCodec = {
  issue() {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: sha256(token) };
  },
  hash: sha256,
};
