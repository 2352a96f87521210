import { TokenResponse } from '@shopmesh/contracts';
import { CUSTOMER, gatewayApp } from '../../test/gateway-app';

const { api, invocations } = gatewayApp({ env: { GATEWAY_CORS_ORIGINS: 'https://shop.example' } });

const login = async () => TokenResponse.parse((await api.post('/api/v1/auth/login').send(CUSTOMER).expect(200)).body);

describe('routing through the gateway', () => {
  it('when a shopper registers through /api/v1, then identity answers with the public Location', async () => {
    const res = await api.post('/api/v1/auth/register').send({ email: `gw${Date.now()}@example.com`, password: 'Sup3r-secret', name: 'Via Gateway' });

    expect(res.status).toBe(201);
    expect(TokenResponse.parse(res.body).user.name).toBe('Via Gateway');
    expect(res.headers.location).toBe('/api/v1/me');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when a signed-in user asks for /me, then the token is forwarded and the profile comes back', async () => {
    const session = await login();

    const res = await api.get('/api/v1/me').set('authorization', `Bearer ${session.accessToken}`).set('x-request-id', 'req-123');

    expect(res.status).toBe(200);
    expect(res.body.email).toBe(CUSTOMER.email);
    expect(invocations.at(-1)?.request.headers?.authorization).toBe(`Bearer ${session.accessToken}`);
    expect(res.headers['x-request-id']).toBe('req-123');
  });

  it('when the service answers an error, then status and problem body pass through', async () => {
    const res = await api.post('/api/v1/auth/register').send({ email: 'nope' });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.email');
  });

  it('when a query string is sent, then it is forwarded', async () => {
    const res = await api.get('/api/v1/auth/jwks?x=1');

    expect(res.status).toBe(200);
    expect(invocations.at(-1)?.request.path).toBe('/auth/jwks?x=1');
    expect(res.body.keys[0].kty).toBe('RSA');
  });

  it.each([
    '/api/v1/internal/users/1d000000-0000-4000-8000-000000000001',
    '/api/v1/me/../internal/users/1d000000-0000-4000-8000-000000000001',
    '/api/v1/me/%2e%2e/internal/users/1d000000-0000-4000-8000-000000000001',
  ])('when %s is asked for, then it is a 404 and never reaches the internal endpoint', async (path) => {
    const res = await api.get(path);

    expect(res.status).toBe(404);
    expect(res.body.detail).toBe(`Route GET ${path} not found`);
    expect(res.body).not.toHaveProperty('email');
    expect(invocations.filter((i) => i.request.path.includes('internal'))).toEqual([]);
  });

  it('when a path has no route, then it is a 404 problem', async () => {
    await api.get('/api/v1/nothing-here').expect(404);
  });

  it('when the owning service is not running, then it is a 502 problem', async () => {
    const res = await api.get('/api/v1/products');

    expect(res.status).toBe(502);
    expect(res.body.code).toBe('upstream-unavailable');
  });
});

describe('token check at the edge', () => {
  it('when the bearer token is invalid, then the gateway answers 401 itself', async () => {
    const res = await api.get('/api/v1/products').set('authorization', 'Bearer forged.token.here');

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('when a stale token rides along to /auth/refresh, then the refresh still works', async () => {
    const session = await login();

    const res = await api.post('/api/v1/auth/refresh').set('authorization', 'Bearer expired.or.stale').send({ refreshToken: session.refreshToken });

    expect(res.status).toBe(200);
  });
});

describe('body limit', () => {
  it('when a body is larger than 1 MB, then it is a 413 problem', async () => {
    const res = await api
      .post('/api/v1/auth/register')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }));

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('payload-too-large');
  });
});

describe('edge headers', () => {
  it('when anything is answered, errors included, then the security headers are set', async () => {
    for (const res of [await api.get('/api/v1/auth/jwks'), await api.get('/api/v1/nothing-here')]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      });
    }
  });

  it('when an allowed origin sends a preflight, then it is answered 204 with the CORS headers', async () => {
    const res = await api
      .options('/api/v1/cart/items')
      .set('origin', 'https://shop.example')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type');

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toContain('authorization');
    expect(res.headers['access-control-allow-headers']).toContain('idempotency-key');
  });

  it('when an unknown origin sends a preflight, then it is refused without CORS headers', async () => {
    const res = await api.options('/api/v1/cart').set('origin', 'https://evil.example').set('access-control-request-method', 'GET');

    expect(res.status).toBe(403);
    expect(res.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('when an allowed origin makes a request, then the answer allows it and exposes the ETag', async () => {
    const res = await api.get('/api/v1/auth/jwks').set('origin', 'https://shop.example');

    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(res.headers['access-control-expose-headers']).toContain('etag');
  });
});

describe('GET /api/openapi.json', () => {
  it('when asked, then it serves the public API with the contracts schemas', async () => {
    const res = await api.get('/api/openapi.json').expect(200);

    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/me/addresses/{id}', '/products', '/orders', '/cart/items']));
    expect(res.body.components.schemas.RegisterRequest.properties.role.enum).toEqual(['customer', 'seller']);
  });
});
