import Koa from 'koa';
import request from 'supertest';
import { conditionalGet } from './conditional-get';

function app(body: () => unknown) {
  const koa = new Koa();
  koa.use(conditionalGet({ maxAgeSeconds: 5 }));
  koa.use((ctx) => {
    ctx.body = body();
  });
  return koa.callback();
}

describe('conditional GET of public catalog reads', () => {
  it('when a product list is read, then it carries a weak ETag and a public Cache-Control', async () => {
    const response = await request(app(() => ({ items: [1, 2] }))).get('/products?pageSize=2');

    expect(response.status).toBe(200);
    expect(response.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(response.headers['cache-control']).toBe('public, max-age=5');
  });

  it('when the caller already has this version, then the answer is 304 without a body', async () => {
    const server = app(() => ({ items: [1, 2] }));
    const { headers } = await request(server).get('/products/abc');

    const again = await request(server).get('/products/abc').set('if-none-match', headers.etag!);

    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('when the content changed, then the old ETag gets the new body', async () => {
    let version = 1;
    const server = app(() => ({ version }));
    const { headers } = await request(server).get('/categories');
    version = 2;

    const again = await request(server).get('/categories').set('if-none-match', headers.etag!);

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ version: 2 });
    expect(again.headers.etag).not.toBe(headers.etag);
  });

  it('when the route is per seller or internal, then no caching headers are added', async () => {
    const server = app(() => ({ mine: true }));

    const seller = await request(server).get('/seller/products');
    const internal = await request(server).get('/internal/products/lookup');

    expect(seller.headers.etag).toBeUndefined();
    expect(seller.headers['cache-control']).toBeUndefined();
    expect(internal.headers.etag).toBeUndefined();
  });
});
