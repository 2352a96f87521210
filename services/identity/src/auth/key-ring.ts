import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Jwks } from '@shopmesh/contracts';

/** A private key to sign with, its `kid` (the RFC 7638 thumbprint) and its public JWK. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/** A signing key as kept in identity's own table. */
export interface StoredSigningKey {
  kid: string;
  privatePem: string;
  createdAt: Date;
}

/** Where generated signing keys persist, so a restart keeps issued tokens valid. */
export interface SigningKeyStore {
  /** Oldest first. */
  all(): Promise<StoredSigningKey[]>;
  /** Inserts unless a key with that kid exists. */
  insert(key: StoredSigningKey): Promise<void>;
}

/** The key tokens are signed with and the key set published at /auth/jwks. */
export interface KeyRing {
  active: SigningKey;
  jwks: Jwks;
}

/** Reads a PKCS8 PEM private key and derives its public JWK and kid. */
export async function signingKeyFromPem(privatePem: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(privatePem);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' } };
}

async function generatePem(): Promise<string> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * The `jwt-signing-key` secret signs when it is set. Without it, the oldest key in the table signs, and
 * one is generated and stored the first time; replicas racing to create it all settle on the oldest.
 * Every stored key stays published, so tokens signed before a switch to the secret still verify.
 */
export async function loadKeyRing(secretPem: string | undefined, store: SigningKeyStore, now: Date): Promise<KeyRing> {
  let stored = await store.all();
  if (!secretPem && stored.length === 0) {
    const pem = await generatePem();
    const key = await signingKeyFromPem(pem);
    await store.insert({ kid: key.kid, privatePem: pem, createdAt: now });
    stored = await store.all();
  }
  const storedKeys = await Promise.all(stored.map((s) => signingKeyFromPem(s.privatePem)));
  const active = secretPem ? await signingKeyFromPem(secretPem) : storedKeys[0];
  if (!active) throw new Error('No signing key available');
  const published = [active, ...storedKeys.filter((k) => k.kid !== active.kid)];
  return { active, jwks: { keys: published.map((k) => ({ ...k.publicJwk })) } };
}
