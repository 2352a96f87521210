import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import request from 'supertest';
import { hasWebBuild, staticWeb } from './static-web';

describe('staticWeb', () => {
  let dir: string;
  let app: Koa;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ShopMesh</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), `export const shop = ${JSON.stringify('x'.repeat(4000))};`);
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = new Koa();
    app.use(staticWeb(dir));
    app.use((ctx) => {
      ctx.status = 404;
      ctx.body = { fellThrough: ctx.path };
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when a hashed asset is asked for, then it is served gzipped and cached as immutable', async () => {
    const res = await request(app.callback()).get('/assets/index-abc123.js').set('accept-encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/javascript/);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toContain('export const shop');
  });

  it('when a client-side route is reloaded, then index.html answers and is revalidated', async () => {
    const res = await request(app.callback()).get('/orders/123');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<title>ShopMesh</title>');
  });

  it('when an API path, probe or write is asked for, then the request passes through', async () => {
    for (const path of ['/api/v1/products', '/api/openapi.json', '/healthz', '/metrics']) {
      const res = await request(app.callback()).get(path);
      expect(res.body).toEqual({ fellThrough: path });
    }
    expect((await request(app.callback()).post('/orders/123')).body).toEqual({ fellThrough: '/orders/123' });
  });

  it('when a missing asset or a path outside the build is asked for, then it is not answered with the app shell', async () => {
    expect((await request(app.callback()).get('/assets/old-chunk.js')).status).toBe(404);
    const escape = await request(app.callback()).get('/..%2f..%2fetc%2fpasswd');
    expect(escape.text).not.toContain('root:');
  });

  it('when the same file is asked for again with its date, then the answer is 304', async () => {
    const first = await request(app.callback()).get('/favicon.svg');
    const again = await request(app.callback())
      .get('/favicon.svg')
      .set('if-modified-since', first.headers['last-modified'] as string);
    expect(again.status).toBe(304);
  });

  it('when a folder has no index.html, then it is not a storefront build', () => {
    expect(hasWebBuild(dir)).toBe(true);
    expect(hasWebBuild(join(dir, 'assets'))).toBe(false);
  });
});
