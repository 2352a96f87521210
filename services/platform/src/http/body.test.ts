import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import request from 'supertest';
import { createLogger } from '../logger';
import { jsonBody } from './body';
import { problemMiddleware } from './problem';

const logger = createLogger({ name: 'test', level: 'silent' });

/** The error middleware, jsonBody with `limit`, and a route that echoes what the handler saw. */
function echoApp(limit: string | number): Koa {
  const app = new Koa();
  app.silent = true;
  app.use(problemMiddleware(logger));
  app.use(jsonBody(limit));
  const router = new Router();
  router.all('/echo', (ctx) => {
    ctx.body = { parsed: ctx.request.body ?? null, rawBytes: ctx.request.rawBody?.length ?? null };
  });
  app.use(router.routes());
  return app;
}

/** Sends `chunks` with chunked transfer encoding (no content-length), as a streaming client would. */
async function postChunked(app: Koa, chunks: string[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/echo', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('jsonBody', () => {
  it('when a JSON body is within the limit, then the handler sees it parsed', async () => {
    const app = echoApp(1024);

    const res = await request(app.callback())
      .post('/echo')
      .send({ name: 'lamp', price: { amount: 1999 } });

    expect(res.status).toBe(200);
    expect(res.body.parsed).toEqual({ name: 'lamp', price: { amount: 1999 } });
  });

  it('when a body is over the limit, then the answer is a 413 problem and the handler never runs', async () => {
    const app = echoApp(100);

    const res = await request(app.callback())
      .post('/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(200) }));

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 413, code: 'payload-too-large' });
  });

  it('when a chunked body without content-length grows over the limit, then the answer is still a 413', async () => {
    const app = echoApp(100);

    const res = await postChunked(app, ['{"text":"', 'x'.repeat(80), 'y'.repeat(80), '"}']);

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload-too-large' });
  });

  it('when a chunked JSON body is within the limit, then it is parsed', async () => {
    const app = echoApp(1024);

    const res = await postChunked(app, ['{"a":', '1}']);

    expect(res.status).toBe(200);
    expect(res.body.parsed).toEqual({ a: 1 });
  });

  it('when the JSON is malformed, then the answer is a 400 problem naming the body', async () => {
    const app = echoApp(1024);

    const res = await request(app.callback()).post('/echo').set('content-type', 'application/json').send('{"name": "lamp",');

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'malformed-json', errors: [{ field: 'body', message: 'not valid JSON' }] });
  });

  it('when a body is sent with a non-JSON content type, then the answer is a 415 problem', async () => {
    const app = echoApp(1024);

    const res = await request(app.callback()).post('/echo').set('content-type', 'text/plain').send('name=lamp');

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('when the content type is a +json variant with a charset, then the body is parsed', async () => {
    const app = echoApp(1024);

    const res = await request(app.callback())
      .patch('/echo')
      .set('content-type', 'application/merge-patch+json; charset=utf-8')
      .send(JSON.stringify({ name: 'desk' }));

    expect(res.status).toBe(200);
    expect(res.body.parsed).toEqual({ name: 'desk' });
  });

  it('when a POST has no body, then the handler runs with no parsed body', async () => {
    const app = echoApp(1024);

    const res = await request(app.callback()).post('/echo');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ parsed: null, rawBytes: null });
  });

  it('when a GET arrives, then its body is not read', async () => {
    const app = echoApp(1024);

    const res = await request(app.callback()).get('/echo');

    expect(res.status).toBe(200);
    expect(res.body.parsed).toBeNull();
  });

  it('when a JSON body is read, then the raw bytes stay available beside the parsed value', async () => {
    const app = echoApp(1024);
    const text = JSON.stringify({ signed: 'payload' });

    const res = await request(app.callback()).post('/echo').set('content-type', 'application/json').send(text);

    expect(res.status).toBe(200);
    expect(res.body.rawBytes).toBe(Buffer.byteLength(text));
  });
});
