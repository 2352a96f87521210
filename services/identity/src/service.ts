import type { MikroORM } from '@mikro-orm/postgresql';
import type { JSONWebKeySet } from 'jose';
import { createOutboxRelay, createTokenVerifier, defineService, useOrm, type Clock, type Logger, type Runtime, type ServiceApp } from '@shopmesh/platform';
import { createApp } from './app';
import { accountTokenCodec } from './auth/account-token-codec';
import { createAccessTokenSigner } from './auth/access-tokens';
import { createDetachedWork } from './tasks/detached-work';
import { notificationsMailer } from './clients/notifications';
import { loadKeyRing } from './auth/key-ring';
import { createArgon2Hasher } from './auth/passwords';
import { refreshTokenCodec } from './auth/refresh-token-codec';
import { IdentityConfig } from './config';
import { createAccountTokenStore } from './db/account-token-store';
import { createAddressStore } from './db/address-store';
import { createStateLoginThrottle } from './db/login-throttle-store';
import { createRefreshTokenStore } from './db/refresh-token-store';
import { createStateRevokedTokens } from './db/revoked-token-store';
import { identityDatabase } from './db/schema';
import { createSigningKeyStore } from './db/signing-key-store';
import { createUserStore } from './db/user-store';
import type { IdentityDeps } from './domain/ports';
import { seedUsers } from './seed';

/** What identity is composed from: its config and the infrastructure a host (or a route test) gives it. */
export interface IdentityParts {
  config: IdentityConfig;
  orm: MikroORM;
  runtime: Runtime;
  logger: Logger;
  clock: Clock;
  /** Wakes the outbox relay after a commit. */
  nudge: () => void;
  /** Runs work the answer does not wait for. */
  later: (work: () => Promise<void>) => void;
}

/** Builds identity's dependencies and its app; composition only. */
export async function composeIdentity(parts: IdentityParts): Promise<{ app: ServiceApp; deps: IdentityDeps }> {
  const { config, orm, runtime, logger, clock } = parts;
  const keys = await loadKeyRing(await runtime.secrets.get('jwt-signing-key'), createSigningKeyStore(orm), clock.now());
  const deps: IdentityDeps = {
    users: createUserStore(orm, parts.nudge),
    refreshTokens: createRefreshTokenStore(orm),
    addresses: createAddressStore(orm),
    passwords: createArgon2Hasher(),
    accessTokens: createAccessTokenSigner(keys.active, config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS, clock),
    refreshCodec: refreshTokenCodec,
    revokedTokens: createStateRevokedTokens(runtime.state, clock),
    loginThrottle: createStateLoginThrottle(runtime.state, config.IDENTITY_LOGIN_FORGET_AFTER_SECONDS),
    accountTokens: createAccountTokenStore(orm),
    accountTokenCodec,
    mailer: notificationsMailer(runtime.invoke),
    later: parts.later,
    clock,
    settings: {
      refreshTokenTtlDays: config.IDENTITY_REFRESH_TOKEN_TTL_DAYS,
      passwordResetTtlMinutes: config.IDENTITY_PASSWORD_RESET_TTL_MINUTES,
      verifyEmailTtlHours: config.IDENTITY_VERIFY_EMAIL_TTL_HOURS,
      publicUrl: config.SHOPMESH_PUBLIC_URL,
      login: {
        freeFailures: config.IDENTITY_LOGIN_FREE_FAILURES,
        baseDelaySeconds: config.IDENTITY_LOGIN_BASE_DELAY_SECONDS,
        maxDelaySeconds: config.IDENTITY_LOGIN_MAX_DELAY_SECONDS,
        forgetAfterSeconds: config.IDENTITY_LOGIN_FORGET_AFTER_SECONDS,
        accountCeiling: config.IDENTITY_LOGIN_ACCOUNT_CEILING,
        accountWindowSeconds: config.IDENTITY_LOGIN_ACCOUNT_WINDOW_SECONDS,
      },
    },
  };
  // Identity checks its own tokens against its own keys instead of asking itself for the JWKS.
  // Identity reads its own deny list uncached, so a logout ends access here at once (other services
  // cache the answer for a few seconds).
  const verifier = createTokenVerifier(async () => keys.jwks as JSONWebKeySet, { isRevoked: deps.revokedTokens.isRevoked });
  const app = createApp({ ...deps, logger, verifier, jwks: keys.jwks, ready: () => orm.isConnected() });
  return { app, deps };
}

/** The identity service: users, roles, passwords, access and refresh tokens, addresses. */
export const identityService = defineService({
  name: 'identity',
  config: IdentityConfig,
  database: identityDatabase,
  async create({ config, orm: maybeOrm, runtime, logger, clock }) {
    const orm = useOrm({ orm: maybeOrm });
    const relay = createOutboxRelay(orm, runtime.pubsub, logger);
    const detached = createDetachedWork(logger);
    const { app, deps } = await composeIdentity({ config, orm, runtime, logger, clock, nudge: () => relay.nudge(), later: (work) => detached.run(work) });
    return { app, background: [relay, detached], seed: () => seedUsers(deps, logger) };
  },
});
