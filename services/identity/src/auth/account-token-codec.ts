import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountTokenCodec } from '../domain/ports';

const sha256 = (value: string) => createHash('sha256').update(value).digest();
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * Mailed tokens are `<selector>.<verifier>` (128 and 256 random bits, base64url). The row is looked up
 * by the selector; the verifier is stored only as its sha256 and compared in constant time.
 */
export const accountTokenCodec: AccountTokenCodec = {
  issue() {
    const selector = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    return { token: `${selector}.${verifier}`, selector, verifierHash: sha256(verifier).toString('hex') };
  },
  parse(token) {
    const match = TOKEN.exec(token);
    return match ? { selector: match[1]!, verifier: match[2]! } : undefined;
  },
  matches(verifier, verifierHash) {
    const stored = Buffer.from(verifierHash, 'hex');
    const presented = sha256(verifier);
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  },
};
