import Router from '@koa/router';
import request from 'supertest';
import { createLogger } from '../logger';
import { APP_TOKEN_HEADER } from './app-token';
import { createServiceApp } from './kit';

function appWithInternalRoute() {
  const router = new Router({ prefix: '/internal/things' });
  router.get('/', (ctx) => {
    ctx.body = { secret: true };
  });
  const app = createServiceApp({ name: 'cart', logger: createLogger({ level: 'silent' }), routers: [router] });
  app.appToken = 'host-secret';
  return app;
}

describe('the app token on internal paths', () => {
  it.each(['/internal/things', '/INTERNAL/things', '/Internal/things/', '/%69nternal/things'])(
    'when %s is called without the token, then it is a 401 and the route never runs',
    async (path) => {
      const res = await request(appWithInternalRoute().callback()).get(path);

      expect(res.status).toBe(401);
      expect(res.body.secret).toBeUndefined();
    },
  );

  it('when the token is sent, then the internal route answers', async () => {
    const res = await request(appWithInternalRoute().callback()).get('/internal/things').set(APP_TOKEN_HEADER, 'host-secret');

    expect(res.status).toBe(200);
  });

  it('when a wrong token is sent, then it is a 401', async () => {
    const res = await request(appWithInternalRoute().callback()).get('/internal/things').set(APP_TOKEN_HEADER, 'guess');

    expect(res.status).toBe(401);
  });
});
