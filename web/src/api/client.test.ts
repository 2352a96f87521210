import type { TokenResponse } from '@shopmesh/contracts';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, createApiClient, type Session, type SessionStorage } from './client';

const user = {
  id: '1d000000-0000-4000-8000-000000000001',
  email: 'c@example.com',
  name: 'Casey',
  role: 'customer' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const tokens = (n: number): TokenResponse => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-token-${n}-xxxxxxxx`,
  tokenType: 'Bearer',
  expiresIn: 900,
  user,
});

function memory(initial: Session | null = null): SessionStorage & { value: Session | null } {
  const box = {
    value: initial,
    load: () => box.value,
    save: (s: Session | null) => (box.value = s),
  };
  return box;
}

const json = (status: number, body: unknown, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('createApiClient', () => {
  it('when a call answers 401, then the token is refreshed once for concurrent callers and each call is retried', async () => {
    const storage = memory({ accessToken: 'access-0', refreshToken: 'refresh-token-0-xxxxxxxx', expiresAt: Date.now() + 600_000, user });
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization');
      if (String(url).endsWith('/auth/refresh')) return json(200, tokens(1));
      return auth === 'Bearer access-1'
        ? json(200, { ok: true })
        : json(401, { type: 'x', title: 'Unauthorized', status: 401, detail: 'expired', code: 'unauthorized' });
    });
    const client = createApiClient({ baseUrl: '/api/v1', storage, fetch });
    const schema = z.object({ ok: z.boolean() });

    const answers = await Promise.all([client.request('/me', { schema }), client.request('/cart', { schema })]);

    expect(answers).toEqual([{ ok: true }, { ok: true }]);
    expect(fetch.mock.calls.filter(([url]) => String(url).endsWith('/auth/refresh'))).toHaveLength(1);
    expect(storage.value?.accessToken).toBe('access-1');
  });

  it('when the refresh is refused, then the session ends and the 401 reaches the caller', async () => {
    const storage = memory({ accessToken: 'access-0', refreshToken: 'refresh-token-0-xxxxxxxx', expiresAt: Date.now() + 600_000, user });
    const fetch = vi.fn(async () => json(401, { type: 'x', title: 'Unauthorized', status: 401, detail: 'token reused', code: 'unauthorized' }));
    const client = createApiClient({ baseUrl: '/api/v1', storage, fetch });
    const changes: (Session | null)[] = [];
    client.onSessionChange((s) => changes.push(s));

    await expect(client.request('/me')).rejects.toMatchObject({ status: 401 });
    expect(storage.value).toBeNull();
    expect(changes).toEqual([null]);
  });

  it('when the access token is about to expire, then it is refreshed before the call', async () => {
    const storage = memory({ accessToken: 'access-0', refreshToken: 'refresh-token-0-xxxxxxxx', expiresAt: Date.now() + 1000, user });
    const seen: string[] = [];
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(`${String(url)} ${new Headers(init?.headers).get('authorization') ?? ''}`.trim());
      return String(url).endsWith('/auth/refresh') ? json(200, tokens(2)) : json(200, {});
    });
    const client = createApiClient({ baseUrl: '/api/v1', storage, fetch });

    await client.request('/orders');

    expect(seen).toEqual(['/api/v1/auth/refresh', '/api/v1/orders Bearer access-2']);
  });

  it('when the API answers a problem with field errors, then the error carries them by field name', async () => {
    const problem = {
      type: 'x',
      title: 'Bad Request',
      status: 400,
      detail: 'invalid',
      code: 'validation-failed',
      errors: [{ field: 'body.payment.cvc', message: 'must be 3 or 4 digits' }],
    };
    const client = createApiClient({ baseUrl: '/api/v1', storage: memory(), fetch: async () => json(400, problem, 'application/problem+json') });

    const err = await client.request('/orders', { method: 'POST', body: {} }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).fieldErrors).toEqual({ 'body.payment.cvc': 'must be 3 or 4 digits' });
    expect((err as ApiError).retryable).toBe(false);
  });

  it('when the network fails or the shop answers 502 without a problem, then the error is retryable with a readable message', async () => {
    const down = createApiClient({ baseUrl: '/api/v1', storage: memory(), fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const broken = createApiClient({ baseUrl: '/api/v1', storage: memory(), fetch: async () => new Response('bad gateway', { status: 502 }) });

    const offline = (await down.request('/products').catch((e: unknown) => e)) as ApiError;
    const failing = (await broken.request('/products').catch((e: unknown) => e)) as ApiError;

    expect([offline.status, offline.retryable]).toEqual([0, true]);
    expect(offline.message).toMatch(/could not be reached/);
    expect([failing.status, failing.retryable]).toEqual([502, true]);
  });

  it('when a query has empty values, then they are left out of the URL', () => {
    const client = createApiClient({ baseUrl: '/api/v1', storage: memory(), fetch: async () => json(200, {}) });
    expect(client.url('/products', { q: 'lamp', category: undefined, minPrice: '', page: 2 })).toBe('/api/v1/products?q=lamp&page=2');
  });
});
