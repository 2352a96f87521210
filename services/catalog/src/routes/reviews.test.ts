import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Topics, type ProductSummary } from '@shopmesh/contracts';
import { generateCatalogSeed } from '../seed/generate';
import { SEED_SELLERS } from '../seed/sellers';
import { catalogApp, type CatalogApp } from '../../test/catalog-app';

const seed = generateCatalogSeed(SEED_SELLERS);
const seller = SEED_SELLERS[1]!;
const productsOf = (sellerId: string) => seed.products.filter((p) => p.sellerId === sellerId);
const money = { amount: 1_000, currency: 'USD' };

describe('reviews, ratings and what was bought together', () => {
  let shop: CatalogApp;
  let api: ReturnType<typeof request>;

  const shopper = async (name: string) => {
    const user = { id: randomUUID(), email: `${name.toLowerCase()}@example.com`, role: 'customer' as const };
    await shop.deliver(Topics.userRegistered, { userId: user.id, email: user.email, name, role: 'customer' });
    return { ...user, auth: `Bearer ${await shop.tokenFor(user)}` };
  };
  const confirmOrder = async (userId: string, productIds: string[], orderId = randomUUID()) => {
    const items = productIds.map((productId) => ({ productId, sellerId: seller.id, name: 'Thing', quantity: 1, unitPrice: money }));
    await shop.deliver(Topics.orderConfirmed, { orderId, userId, total: money, items });
    return orderId;
  };
  const review = (productId: string, auth: string, body: object) => api.post(`/products/${productId}/reviews`).set('authorization', auth).send(body);
  const outbox = (topic: string, productId: string) =>
    shop.sql<{ payload: Record<string, unknown> }>(`select payload from outbox where topic = ? and payload->>'productId' = ?`, [topic, productId]);

  beforeAll(async () => {
    shop = await catalogApp({ seed: true });
    api = shop.api;
  });
  afterAll(() => shop?.close());

  it('when a shopper with a confirmed order reviews the product, then the review is a verified purchase, the product rating moves and the seller event is queued', async () => {
    const product = productsOf(seller.id)[0]!;
    const ada = await shopper('Ada');
    await confirmOrder(ada.id, [product.id]);

    const res = await review(product.id, ada.auth, { rating: 4, title: 'Sturdy', body: 'Held up on a week-long trip.' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ productId: product.id, authorName: 'Ada', rating: 4, title: 'Sturdy', verifiedPurchase: true });
    const page = await api.get(`/products/${product.id}/reviews`);
    expect(page.body).toMatchObject({ total: 1, rating: { average: 4, count: 1 }, items: [{ id: res.body.id, verifiedPurchase: true }] });
    expect((await api.get(`/products/${product.id}`)).body.rating).toEqual({ average: 4, count: 1 });
    expect(await outbox(Topics.reviewPosted, product.id)).toEqual([
      {
        payload: {
          reviewId: res.body.id,
          productId: product.id,
          productName: product.name,
          sellerId: seller.id,
          rating: 4,
          title: 'Sturdy',
          authorName: 'Ada',
        },
      },
    ]);
  });

  it('when a shopper without an order reviews, then the review is not verified; the average rounds to one decimal', async () => {
    const product = productsOf(seller.id)[1]!;
    const [bob, cy, di] = [await shopper('Bob'), await shopper('Cy'), await shopper('Di')];

    await review(product.id, bob.auth, { rating: 5, body: 'Lovely.' }).expect(201);
    await review(product.id, cy.auth, { rating: 4, body: 'Good.' }).expect(201);
    const res = await review(product.id, di.auth, { rating: 4, body: 'Fine.' });

    expect(res.body.verifiedPurchase).toBe(false);
    expect((await api.get(`/products/${product.id}/reviews?pageSize=2`)).body).toMatchObject({ total: 3, rating: { average: 4.3, count: 3 }, items: [{}, {}] });
  });

  it('when the order of a review is cancelled, then the review is no longer a verified purchase', async () => {
    const product = productsOf(seller.id)[2]!;
    const eve = await shopper('Eve');
    const orderId = await confirmOrder(eve.id, [product.id]);
    await review(product.id, eve.auth, { rating: 3, body: 'Okay.' }).expect(201);

    await shop.deliver(Topics.orderCancelled, { orderId, userId: eve.id, reason: 'cancelled-by-shopper' });

    expect((await api.get(`/products/${product.id}/reviews`)).body.items[0].verifiedPurchase).toBe(false);
  });

  it('when the same shopper reviews a product twice, then the second is a 409 and the rating is unchanged', async () => {
    const product = productsOf(seller.id)[3]!;
    const fay = await shopper('Fay');
    await review(product.id, fay.auth, { rating: 5, body: 'First.' }).expect(201);

    const again = await review(product.id, fay.auth, { rating: 1, body: 'Second.' });

    expect(again.status).toBe(409);
    expect(again.body.code).toBe('review-exists');
    expect((await api.get(`/products/${product.id}`)).body.rating).toEqual({ average: 5, count: 1 });
  });

  it.each([
    [{ rating: 0, body: 'Zero.' }, 'body.rating'],
    [{ rating: 6, body: 'Six.' }, 'body.rating'],
    [{ rating: 4.5, body: 'Half.' }, 'body.rating'],
    [{ rating: 4, body: 'x'.repeat(4001) }, 'body.body'],
    [{ rating: 4, body: '   ' }, 'body.body'],
    [{ rating: 4, title: 't'.repeat(121), body: 'Long title.' }, 'body.title'],
  ])('when a review is %j, then it is a 400 naming %s and nothing is written', async (body, field) => {
    const product = productsOf(seller.id)[4]!;
    const gus = await shopper('Gus');

    const res = await review(product.id, gus.auth, body);

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await api.get(`/products/${product.id}/reviews`)).body.total).toBe(0);
  });

  it('when a review body is exactly 4,000 characters, then it is accepted', async () => {
    const product = productsOf(seller.id)[5]!;

    await review(product.id, (await shopper('Hal')).auth, { rating: 2, body: 'y'.repeat(4000) }).expect(201);
  });

  it('when nobody is signed in, then posting is a 401; an unknown product is a 404', async () => {
    await api
      .post(`/products/${productsOf(seller.id)[6]!.id}/reviews`)
      .send({ rating: 5, body: 'Anon.' })
      .expect(401);
    await review(randomUUID(), (await shopper('Ian')).auth, { rating: 5, body: 'Nothing.' }).expect(404);
    await api.get(`/products/${randomUUID()}/reviews`).expect(404);
  });

  it('when products are filtered by minimum rating, then only products rated at least that come back, unrated ones never', async () => {
    const [high, low] = [productsOf(seller.id)[7]!, productsOf(seller.id)[8]!];
    const jo = await shopper('Jo');
    await review(high.id, jo.auth, { rating: 5, body: 'Superb.' }).expect(201);
    await review(low.id, jo.auth, { rating: 2, body: 'Poor.' }).expect(201);

    const res = await api.get('/products?minRating=4.5&pageSize=100');

    const ids = res.body.items.map((p: ProductSummary) => p.id);
    expect(ids).toContain(high.id);
    expect(ids).not.toContain(low.id);
    expect(res.body.items.every((p: ProductSummary) => p.rating.average !== null && p.rating.average >= 4.5)).toBe(true);
    expect((await api.get('/products?minRating=6')).status).toBe(400);
    expect((await api.get('/products?minRating=0')).body.errors[0].field).toBe('query.minRating');
  });

  it("when a seller's products are reviewed, then the seller page averages the reviews instead of the seeded rating", async () => {
    const other = SEED_SELLERS[2]!;
    const product = productsOf(other.id)[0]!;

    await review(product.id, (await shopper('Kim')).auth, { rating: 3, body: 'Average.' }).expect(201);

    expect((await api.get(`/sellers/${other.id}`)).body).toMatchObject({ rating: 3, reviewCount: 1 });
  });

  it('when products share confirmed orders, then bought-together lists them most shared first, without cancelled orders or the product itself', async () => {
    const [lamp, tent, stove, mug, bag] = productsOf(SEED_SELLERS[0]!.id)
      .slice(0, 5)
      .map((p) => p.id) as [string, string, string, string, string];
    const buyer = randomUUID();
    await confirmOrder(buyer, [lamp, tent, stove]);
    await confirmOrder(buyer, [lamp, tent]);
    const cancelled = await confirmOrder(buyer, [lamp, mug]);
    await shop.deliver(Topics.orderCancelled, { orderId: cancelled, userId: buyer, reason: 'cancelled-by-shopper' });
    const again = await confirmOrder(buyer, [lamp, bag]);
    // A redelivered confirmation counts once.
    await confirmOrder(buyer, [lamp, bag], again);

    const res = await api.get(`/products/${lamp}/bought-together`);

    expect(res.status).toBe(200);
    const ids = res.body.items.map((p: ProductSummary) => p.id);
    expect(ids[0]).toBe(tent);
    expect(ids.slice(1).sort()).toEqual([bag, stove].sort());
    expect((await api.get(`/products/${randomUUID()}/bought-together`)).status).toBe(404);
    expect((await api.get(`/products/${lamp}/bought-together?limit=0`)).body.errors[0].field).toBe('query.limit');
  });
});
