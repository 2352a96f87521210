/**
 * The gateway app for route tests: identity answered by a small fake that speaks its contract (the
 * gateway only forwards), every other service unreachable, rate budgets in an in-memory state store,
 * tokens from a fake verifier. No host, no other service.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { z } from 'zod';
import { LoginRequest, RefreshRequest, RegisterRequest, type TokenResponse, type UserProfile } from '@shopmesh/contracts';
import { DomainError, systemClock, unauthorized, type Clock, type InvokeRequest, type Principal } from '@shopmesh/platform';
import { createFakeRuntime, createFakeVerifier, createMemoryStateStore, silentLogger, type FakeReply, type FakeVerifier } from '@shopmesh/platform/testing';
import { createApp } from '../src/app';
import { edgePolicy, GatewayConfig } from '../src/config';
import { createStateRateLimiter } from '../src/db/rate-limiter';

/** The seeded customer the fake identity knows from the start. */
export const CUSTOMER = { email: 'customer@example.com', password: 'Customer@123' };

function parseJson<T>(schema: z.ZodType<T>, req: InvokeRequest): T {
  const raw: unknown = Buffer.isBuffer(req.body) || typeof req.body === 'string' ? JSON.parse(String(req.body || '{}')) : req.body;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message }));
  throw new DomainError(400, 'validation-failed', 'The request body is invalid', errors);
}

/** Identity's public auth and profile routes, as far as the gateway's tests reach them. */
function fakeIdentity(auth: FakeVerifier) {
  const users = new Map<string, UserProfile & { password: string }>();
  const add = (email: string, password: string, name: string, role: 'customer' | 'seller') => {
    const user = { id: randomUUID(), email, name, role, password, createdAt: new Date().toISOString() };
    users.set(email, user);
    return user;
  };
  add(CUSTOMER.email, CUSTOMER.password, 'Casey Customer', 'customer');
  const session = ({ password: _password, ...user }: UserProfile & { password: string }): TokenResponse => ({
    accessToken: auth.tokenFor({ id: user.id, email: user.email, role: user.role }),
    refreshToken: `refresh-${randomUUID()}`,
    tokenType: 'Bearer',
    expiresIn: 900,
    user,
  });
  const principalOf = async (req: InvokeRequest): Promise<Principal> => {
    const header = req.headers?.authorization ?? '';
    if (!header.startsWith('Bearer ')) throw unauthorized();
    return auth.verifier.verify(header.slice('Bearer '.length));
  };
  return async (req: InvokeRequest): Promise<FakeReply | undefined> => {
    // Like identity's router, a trailing slash names the same route.
    const path = req.path.split('?')[0]!.replace(/(.)\/+$/, '$1');
    if (req.method === 'POST' && path === '/auth/register') {
      const body = parseJson(RegisterRequest, req);
      return { status: 201, headers: { location: '/me' }, body: session(add(body.email, body.password, body.name, body.role)) };
    }
    if (req.method === 'POST' && path === '/auth/login') {
      const body = parseJson(LoginRequest, req);
      const user = users.get(body.email);
      if (!user || user.password !== body.password) throw new DomainError(401, 'invalid-credentials', 'Wrong e-mail or password');
      return { body: session(user) };
    }
    if (req.method === 'POST' && path === '/auth/refresh') {
      parseJson(RefreshRequest, req);
      return { body: session(users.get(CUSTOMER.email)!) };
    }
    if (req.method === 'GET' && path === '/auth/jwks') return { body: { keys: [{ kty: 'RSA', kid: 'fake', alg: 'RS256', use: 'sig', n: 'AQAB', e: 'AQAB' }] } };
    if (req.method === 'GET' && path === '/me') {
      const principal = await principalOf(req);
      const { password: _password, ...profile } = [...users.values()].find((u) => u.id === principal.id) ?? {
        ...principal,
        name: 'Someone',
        createdAt: new Date().toISOString(),
        password: '',
      };
      return { body: profile };
    }
    return undefined;
  };
}

/** Options of {@link gatewayApp}. */
export interface GatewayAppOptions {
  /** Settings beside the config's defaults, as environment strings. */
  env?: Record<string, string>;
  clock?: Clock;
}

export function gatewayApp(options: GatewayAppOptions = {}) {
  const config = GatewayConfig.parse(options.env ?? {});
  const auth = createFakeVerifier();
  const identity = fakeIdentity(auth);
  const runtime = createFakeRuntime({
    appId: 'gateway',
    invoke: (appId, req) => {
      if (appId === 'identity') return identity(req);
      throw new DomainError(502, 'upstream-unavailable', `${appId} is unavailable (not running)`);
    },
  });
  const logger = silentLogger();
  const app = createApp({
    logger,
    verifier: auth.verifier,
    invoke: runtime.invoke,
    openStream: () => Promise.reject(new Error('no streams in these tests')),
    limiter: createStateRateLimiter(createMemoryStateStore(), options.clock ?? systemClock, logger),
    ...edgePolicy(config),
  });
  return {
    app,
    api: request(app.callback()),
    /** Every call the gateway made to another service, in order. */
    invocations: runtime.invocations,
    /** An access token the gateway accepts for `principal`. */
    signToken: async (principal: Principal) => auth.tokenFor(principal),
  };
}
