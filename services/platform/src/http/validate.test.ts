import Router from '@koa/router';
import request from 'supertest';
import { z } from 'zod';
import { createLogger } from '../logger';
import { createServiceApp } from './kit';
import { parseBody, parseHeaders, parseParams, parseQuery } from './validate';

const logger = createLogger({ name: 'test', level: 'silent' });

const Params = z.object({ id: z.uuid() });
const Query = z.object({ page: z.coerce.number().int().min(1), pageSize: z.coerce.number().int().max(100) });
const Body = z.object({ name: z.string().min(1), items: z.array(z.object({ quantity: z.number().int().positive() })) });
const Headers = z.object({ 'idempotency-key': z.string().min(8) });

function app() {
  const router = new Router();
  router.get('/things/:id', (ctx) => {
    ctx.body = { params: parseParams(ctx, Params) };
  });
  router.get('/things', (ctx) => {
    ctx.body = { query: parseQuery(ctx, Query) };
  });
  router.post('/things', (ctx) => {
    ctx.body = { body: parseBody(ctx, Body) };
  });
  router.post('/payments', (ctx) => {
    ctx.body = { headers: parseHeaders(ctx, Headers) };
  });
  return createServiceApp({ name: 'catalog', logger, routers: [router] }).callback();
}

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

describe('request validation helpers', () => {
  it('when the body is invalid, then a 400 names each field as body.<path>', async () => {
    const res = await request(app())
      .post('/things')
      .send({ name: '', items: [{ quantity: 1 }, { quantity: -2 }] });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation-failed');
    expect(fields(res.body)).toEqual(['body.items.1.quantity', 'body.name']);
    expect(res.body.detail).toContain('body.items.1.quantity');
  });

  it('when there is no body at all, then the 400 names the body itself', async () => {
    const res = await request(app()).post('/things');

    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['body']);
  });

  it('when the query is invalid, then fields are named query.<name>', async () => {
    const res = await request(app()).get('/things?page=0&pageSize=500');

    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['query.page', 'query.pageSize']);
  });

  it('when the query is valid, then its strings arrive coerced', async () => {
    const res = await request(app()).get('/things?page=2&pageSize=20');

    expect(res.status).toBe(200);
    expect(res.body.query).toEqual({ page: 2, pageSize: 20 });
  });

  it('when a path parameter is invalid, then it is named params.<name>', async () => {
    const res = await request(app()).get('/things/not-a-uuid');

    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['params.id']);
  });

  it('when a header is missing, then it is named headers.<name>', async () => {
    const res = await request(app()).post('/payments').send({});

    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['headers.idempotency-key']);
  });

  it('when every part is valid, then the handler gets the parsed values', async () => {
    const id = '0b6a3a86-2f1c-4d5e-9a77-3e1b2c4d5e6f';

    const [params, body, headers] = await Promise.all([
      request(app()).get(`/things/${id}`),
      request(app())
        .post('/things')
        .send({ name: 'lamp', items: [{ quantity: 2 }] }),
      request(app()).post('/payments').set('idempotency-key', 'key-12345678').send({}),
    ]);

    expect(params.body).toEqual({ params: { id } });
    expect(body.body).toEqual({ body: { name: 'lamp', items: [{ quantity: 2 }] } });
    expect(headers.body).toEqual({ headers: { 'idempotency-key': 'key-12345678' } });
  });
});
