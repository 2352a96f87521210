import { createServiceApp, type Logger, type ServiceApp, type TokenVerifier } from '@shopmesh/platform';
import type { Jwks } from '@shopmesh/contracts';
import type { IdentityDeps } from './domain/ports';
import { addressesRouter } from './routes/addresses';
import { authRouter } from './routes/auth';
import { internalRouter } from './routes/internal';
import { meRouter } from './routes/me';

/** What the identity app is built from. */
export interface IdentityAppDeps extends IdentityDeps {
  logger: Logger;
  verifier: TokenVerifier;
  jwks: Jwks;
  ready?: () => Promise<boolean>;
}

/** Builds identity's Koa app; never listens. */
export function createApp(deps: IdentityAppDeps): ServiceApp {
  return createServiceApp({
    name: 'identity',
    logger: deps.logger,
    // Addresses before me: both sit under /me, and the longer prefix must claim its paths.
    routers: [authRouter(deps, deps.jwks), addressesRouter(deps, deps.verifier), meRouter(deps, deps.verifier), internalRouter(deps)],
    ready: deps.ready,
  });
}
