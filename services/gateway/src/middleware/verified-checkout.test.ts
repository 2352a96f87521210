import Koa from 'koa';
import request from 'supertest';
import { createLogger, createServiceApp, type Principal } from '@shopmesh/platform';
import { verifiedCheckout } from './verified-checkout';

const logger = createLogger({ level: 'silent' });

function appWith(required: boolean, user: Principal | undefined) {
  const app = createServiceApp({
    name: 'gateway',
    logger,
    middleware: [
      async (ctx: Koa.Context, next: Koa.Next) => {
        if (user) ctx.state.user = user;
        await next();
      },
      verifiedCheckout(required),
      (ctx: Koa.Context) => {
        ctx.status = 202;
      },
    ],
    routers: [],
  });
  return request(app.callback());
}

const shopper = (emailVerified?: boolean): Principal => ({
  id: 'u1',
  email: 'u1@example.com',
  role: 'customer',
  ...(emailVerified === undefined ? {} : { emailVerified }),
});

describe('checkout needs a verified e-mail address when the setting is on', () => {
  it('when the setting is on and the token is not verified, then placing an order is a 403 email-unverified', async () => {
    for (const user of [shopper(false), shopper()]) {
      const res = await appWith(true, user).post('/api/v1/orders');

      expect(res.status).toBe(403);
      expect(res.body.code).toBe('email-unverified');
    }
  });

  it('when the setting is on and the token is verified, or the setting is off, then the order goes through', async () => {
    expect((await appWith(true, shopper(true)).post('/api/v1/orders')).status).toBe(202);
    expect((await appWith(false, shopper(false)).post('/api/v1/orders')).status).toBe(202);
  });

  it('when the path is spelt differently or another route is asked, then only placing an order is checked', async () => {
    expect((await appWith(true, shopper(false)).post('/api/v1/cart/../orders')).status).toBe(403);
    expect((await appWith(true, shopper(false)).get('/api/v1/orders')).status).toBe(202);
    expect((await appWith(true, shopper(false)).post('/api/v1/cart/items')).status).toBe(202);
  });
});
