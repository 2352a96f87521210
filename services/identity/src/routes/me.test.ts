import request from 'supertest';
import { identityApp, type IdentityApp } from '../../test/identity-app';

let shop: IdentityApp;
let api: ReturnType<typeof request>;

beforeAll(async () => {
  shop = await identityApp();
  api = shop.api;
});
afterAll(() => shop.close());

async function session() {
  const res = await api
    .post('/auth/register')
    .send({ email: `me${Date.now()}${Math.random()}@example.com`, password: 'Sup3r-secret', name: 'Me Myself' })
    .expect(201);
  return { auth: `Bearer ${res.body.accessToken}`, user: res.body.user };
}

describe('GET /me', () => {
  it('when the caller is signed in, then it answers their profile', async () => {
    const { auth, user } = await session();

    const res = await api.get('/me').set('authorization', auth).expect(200);

    expect(res.body).toEqual(user);
  });

  it('when there is no token, then it is a 401', async () => {
    const res = await api.get('/me');

    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('when the token is forged, then it is a 401', async () => {
    await api.get('/me').set('authorization', 'Bearer not.a.token').expect(401);
  });

  it('when the token is expired, then it is a 401', async () => {
    const { user } = await session();
    const expired = await shop.signToken({ id: user.id, email: user.email, role: 'customer' }, { expiresIn: '-1m' });

    await api.get('/me').set('authorization', `Bearer ${expired}`).expect(401);
  });
});

describe('PATCH /me', () => {
  it('when a new name is sent, then the profile carries it', async () => {
    const { auth } = await session();

    const res = await api.patch('/me').set('authorization', auth).send({ name: '  New Name ' }).expect(200);

    expect(res.body.name).toBe('New Name');
    expect((await api.get('/me').set('authorization', auth)).body.name).toBe('New Name');
  });

  it('when the name is empty, then it is a 400 naming body.name', async () => {
    const { auth } = await session();

    const res = await api.patch('/me').set('authorization', auth).send({ name: '' });

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.name');
  });

  it('when someone tries to change their role or e-mail, then those fields are ignored', async () => {
    const { auth, user } = await session();

    const res = await api.patch('/me').set('authorization', auth).send({ name: 'X', role: 'admin', email: 'evil@example.com' }).expect(200);

    expect(res.body).toMatchObject({ role: 'customer', email: user.email });
  });
});
