import request from 'supertest';
import { AddressWithId } from '@shopmesh/contracts';
import { identityApp, type IdentityApp } from '../../test/identity-app';

let shop: IdentityApp;
let api: ReturnType<typeof request>;

const home = { name: 'Casey Customer', line1: 'Main St 1', city: 'Berlin', postalCode: '10115', country: 'DE' };

beforeAll(async () => {
  shop = await identityApp();
  api = shop.internalApi;
});
afterAll(() => shop.close());

async function session() {
  const res = await api
    .post('/auth/register')
    .send({ email: `addr${Date.now()}${Math.random()}@example.com`, password: 'Sup3r-secret', name: 'Addr' })
    .expect(201);
  return { auth: `Bearer ${res.body.accessToken}`, userId: res.body.user.id as string };
}

async function saved(auth: string, address: Record<string, unknown> = home) {
  const res = await api.post('/me/addresses').set('authorization', auth).send(address).expect(201);
  return AddressWithId.parse(res.body);
}

describe('/me/addresses', () => {
  it('when an address is added, then it is answered with an id and listed', async () => {
    const { auth } = await session();

    const res = await api
      .post('/me/addresses')
      .set('authorization', auth)
      .send({ ...home, line2: 'Flat 3' });

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/me/addresses/${res.body.id}`);
    const list = await api.get('/me/addresses').set('authorization', auth).expect(200);
    expect(list.body.items).toEqual([{ ...home, line2: 'Flat 3', id: res.body.id }]);
  });

  it('when fields are invalid, then the 400 names each of them', async () => {
    const { auth } = await session();

    const res = await api
      .post('/me/addresses')
      .set('authorization', auth)
      .send({ ...home, country: 'Germany', city: '' });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.city', 'body.country']);
  });

  it('when an address is patched, then only the given fields change and null clears optional ones', async () => {
    const { auth } = await session();
    const address = await saved(auth, { ...home, line2: 'Flat 3' });

    const res = await api.patch(`/me/addresses/${address.id}`).set('authorization', auth).send({ city: 'Hamburg', line2: null }).expect(200);

    expect(res.body).toEqual({ ...home, city: 'Hamburg', id: address.id });
    expect((await api.get('/me/addresses').set('authorization', auth)).body.items).toEqual([res.body]);
  });

  it('when an address is deleted, then it is gone', async () => {
    const { auth } = await session();
    const address = await saved(auth);

    await api.delete(`/me/addresses/${address.id}`).set('authorization', auth).expect(204);

    expect((await api.get('/me/addresses').set('authorization', auth)).body.items).toEqual([]);
    await api.delete(`/me/addresses/${address.id}`).set('authorization', auth).expect(404);
  });

  it("when a user touches another user's address, then it is a 404 and the address is unchanged", async () => {
    const owner = await session();
    const other = await session();
    const address = await saved(owner.auth);

    await api.patch(`/me/addresses/${address.id}`).set('authorization', other.auth).send({ city: 'Paris' }).expect(404);
    await api.delete(`/me/addresses/${address.id}`).set('authorization', other.auth).expect(404);

    expect((await api.get('/me/addresses').set('authorization', other.auth)).body.items).toEqual([]);
    expect((await api.get('/me/addresses').set('authorization', owner.auth)).body.items).toEqual([address]);
  });

  it('when the id is not a uuid, then it is a 400 naming params.id', async () => {
    const { auth } = await session();

    const res = await api.patch('/me/addresses/nope').set('authorization', auth).send({ city: 'X' });

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('params.id');
  });

  it('when there is no token, then it is a 401', async () => {
    await api.get('/me/addresses').expect(401);
  });
});

describe('GET /internal/users/:userId/addresses/:id', () => {
  it("when orders looks up a user's address, then it gets it", async () => {
    const { auth, userId } = await session();
    const address = await saved(auth);

    const res = await api.get(`/internal/users/${userId}/addresses/${address.id}`).expect(200);

    expect(AddressWithId.parse(res.body)).toEqual(address);
  });

  it('when the address belongs to someone else, then it is a 404', async () => {
    const owner = await session();
    const other = await session();
    const address = await saved(owner.auth);

    await api.get(`/internal/users/${other.userId}/addresses/${address.id}`).expect(404);
  });

  it('when a user is looked up, then their profile is answered', async () => {
    const { userId } = await session();

    const res = await api.get(`/internal/users/${userId}`).expect(200);

    expect(res.body).toMatchObject({ id: userId, role: 'customer' });
  });
});
