import Koa from 'koa';
import Router from '@koa/router';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { DomainError } from '../errors';
import { problemMiddleware, zodProblems } from './problem';

/** A Koa app with only the error middleware in front of `routes`, and the lines it logged. */
function appWith(routes: (router: Router) => void): { app: Koa; logged: Array<Record<string, unknown>> } {
  const logged: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
  const app = new Koa();
  app.silent = true;
  app.use(problemMiddleware(logger));
  const router = new Router();
  routes(router);
  app.use(router.routes()).use(router.allowedMethods());
  return { app, logged };
}

describe('problem middleware', () => {
  it('when a handler throws a DomainError, then the answer is problem+json with its status, code, field errors and headers', async () => {
    const { app } = appWith((r) =>
      r.post('/orders', () => {
        throw new DomainError(409, 'out-of-stock', 'Only 2 lamps left', [{ field: 'items.0.quantity', message: 'exceeds stock' }], {
          'retry-after': '5',
        });
      }),
    );

    const res = await request(app.callback()).post('/orders');

    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({
      type: 'https://shopmesh.dev/problems/out-of-stock',
      title: 'Conflict',
      status: 409,
      detail: 'Only 2 lamps left',
      instance: '/orders',
      code: 'out-of-stock',
      errors: [{ field: 'items.0.quantity', message: 'exceeds stock' }],
    });
  });

  it('when a DomainError has no field errors, then the problem carries no errors array', async () => {
    const { app } = appWith((r) =>
      r.get('/things/:id', () => {
        throw new DomainError(404, 'not-found', 'Thing not found');
      }),
    );

    const res = await request(app.callback()).get('/things/42');

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not-found', detail: 'Thing not found', instance: '/things/42', title: 'Not Found' });
    expect(res.body).not.toHaveProperty('errors');
  });

  it('when a handler lets a ZodError escape, then the answer is a 400 naming every invalid field', async () => {
    const schema = z.object({ name: z.string().min(1), price: z.object({ amount: z.number().int() }) });
    const { app } = appWith((r) =>
      r.post('/products', (ctx) => {
        ctx.body = schema.parse({ name: '', price: { amount: 'ten' } });
      }),
    );

    const res = await request(app.callback()).post('/products');

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'price.amount']);
    expect(res.body.detail).toContain('price.amount');
  });

  it('when a handler throws an unexpected error, then the answer is a bare 500 that hides its message and it is logged once', async () => {
    const { app, logged } = appWith((r) =>
      r.get('/boom', () => {
        throw new Error('connection to db-primary:5432 refused, password=hunter2');
      }),
    );

    const res = await request(app.callback()).get('/boom');

    expect(res.status).toBe(500);
    expect(res.body).toEqual(expect.objectContaining({ status: 500, code: 'internal', detail: 'Internal server error' }));
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('db-primary');
    const errors = logged.filter((line) => line.msg === 'unhandled error');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('hunter2');
  });

  it('when no route matches, then the answer is a 404 problem naming the method and path', async () => {
    const { app } = appWith((r) => r.get('/known', (ctx) => void (ctx.body = { ok: true })));

    const res = await request(app.callback()).delete('/unknown/path');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not-found', instance: '/unknown/path' });
    expect(res.body.detail).toContain('DELETE /unknown/path');
  });

  it('when a handler answers 404 with its own body, then that body is kept', async () => {
    const { app } = appWith((r) =>
      r.get('/custom', (ctx) => {
        ctx.status = 404;
        ctx.body = { mine: true };
      }),
    );

    const res = await request(app.callback()).get('/custom');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ mine: true });
  });

  it('when Koa throws an exposed 4xx http error, then it becomes a problem with that status and message', async () => {
    const { app, logged } = appWith((r) => r.get('/teapot', (ctx) => ctx.throw(403, 'no tea for you')));

    const res = await request(app.callback()).get('/teapot');

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, code: 'bad-request', detail: 'no tea for you', title: 'Forbidden' });
    expect(logged.filter((line) => line.msg === 'unhandled error')).toHaveLength(0);
  });

  it('when Koa throws a 5xx http error, then its message stays hidden behind a bare 500', async () => {
    const { app } = appWith((r) => r.get('/down', (ctx) => ctx.throw(503, 'redis at 10.0.0.7 is down')));

    const res = await request(app.callback()).get('/down');

    expect(res.status).toBe(500);
    expect(res.text).not.toContain('10.0.0.7');
  });
});

describe('zodProblems', () => {
  it('when given a location, then each field path is prefixed with it, and a root issue is named (root)', () => {
    const nested = z.object({ items: z.array(z.object({ qty: z.number() })) }).safeParse({ items: [{ qty: 'x' }] });
    const root = z.string().safeParse(1);

    const prefixed = zodProblems(nested.error!, 'body');
    const bare = zodProblems(root.error!);

    expect(prefixed.map((p) => p.field)).toEqual(['body.items.0.qty']);
    expect(bare.map((p) => p.field)).toEqual(['(root)']);
  });
});
