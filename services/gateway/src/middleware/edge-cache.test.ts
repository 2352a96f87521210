import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import request from 'supertest';
import { EdgeCache, edgeCache } from './edge-cache';

/** A stand-in for the proxy: counts what reaches it and answers like the catalog. */
function appWith(cache: EdgeCache) {
  const upstream = { calls: 0, cacheControl: 'public, max-age=5' };
  const app = new Koa();
  app.use(edgeCache(cache));
  app.use((ctx) => {
    upstream.calls++;
    ctx.set('content-type', 'application/json');
    ctx.set('etag', 'W/"v1"');
    ctx.set('cache-control', upstream.cacheControl);
    ctx.body = Buffer.from(JSON.stringify({ items: [], call: upstream.calls }));
  });
  return { server: app.callback(), upstream };
}

describe('edge cache', () => {
  it('when an anonymous catalog list is read twice, then the second answer comes from the edge with the same body', async () => {
    const { server, upstream } = appWith(new EdgeCache({ ttlMs: 60_000, maxEntries: 10 }));

    const first = await request(server).get('/api/v1/products?pageSize=20');
    const second = await request(server).get('/api/v1/products?pageSize=20');

    expect(upstream.calls).toBe(1);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual({ items: [], call: 1 });
    expect(second.headers['content-type']).toContain('application/json');
    expect(second.headers.etag).toBe('W/"v1"');
  });

  it('when the client already has the cached version, then the edge answers 304 without a body', async () => {
    const { server } = appWith(new EdgeCache({ ttlMs: 60_000, maxEntries: 10 }));
    await request(server).get('/api/v1/products/abc');

    const again = await request(server).get('/api/v1/products/abc').set('if-none-match', 'W/"v1"');

    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('when the request is signed in, a seller route, or a write, then it always reaches the service', async () => {
    const { server, upstream } = appWith(new EdgeCache({ ttlMs: 60_000, maxEntries: 10 }));

    for (let i = 0; i < 2; i++) {
      await request(server).get('/api/v1/products').set('authorization', 'Bearer x');
      await request(server).get('/api/v1/seller/products');
      await request(server).get('/api/v1/orders');
      await request(server).post('/api/v1/products').send({});
    }

    expect(upstream.calls).toBe(8);
  });

  it('when the answer is private, then it is not kept', async () => {
    const { server, upstream } = appWith(new EdgeCache({ ttlMs: 60_000, maxEntries: 10 }));
    upstream.cacheControl = 'private';

    await request(server).get('/api/v1/categories');
    await request(server).get('/api/v1/categories');

    expect(upstream.calls).toBe(2);
  });

  it('when a product changes, then the cache is emptied and the next read goes to the catalog', async () => {
    const cache = new EdgeCache({ ttlMs: 60_000, maxEntries: 10 });
    const { server, upstream } = appWith(cache);
    await request(server).get('/api/v1/products');
    const subscription = cache.subscription();

    await subscription.handler({
      id: randomUUID(),
      source: 'catalog',
      type: subscription.topic,
      specversion: '1.0',
      datacontenttype: 'application/json',
      time: new Date().toISOString(),
      topic: subscription.topic,
      data: { productId: randomUUID(), sellerId: randomUUID(), change: 'updated' },
    });
    await request(server).get('/api/v1/products');

    expect(subscription.topic).toBe('catalog.product-changed');
    expect(upstream.calls).toBe(2);
  });

  it('when an entry outlives its TTL or the cache is full, then it is dropped', () => {
    let now = 0;
    const cache = new EdgeCache({ ttlMs: 1000, maxEntries: 2, now: () => now });
    cache.set('/a', Buffer.from('a'), {});
    cache.set('/b', Buffer.from('b'), {});
    cache.set('/c', Buffer.from('c'), {});
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/c')?.body.toString()).toBe('c');
    now = 1000;
    expect(cache.get('/c')).toBeUndefined();
  });
});
