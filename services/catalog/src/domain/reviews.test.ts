import type { ReviewPosted } from '@shopmesh/contracts';
import type { Principal } from '@shopmesh/platform';
import type { CatalogDeps, CatalogStore, ProductRecord, ReviewRecord } from './ports';
import { ANONYMOUS_AUTHOR, listReviews, postReview } from './reviews';

const SELLER = '1d000000-0000-4000-8000-000000000002';
const SHOPPER: Principal = { id: '00000000-0000-4000-8000-0000000000a1', email: 'ada@example.com', role: 'customer' };
const P1 = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-03-01T12:00:00Z');

const product = (over: Partial<ProductRecord> = {}): ProductRecord => ({
  id: P1,
  sellerId: SELLER,
  name: 'Oak Desk',
  slug: 'oak-desk',
  description: '',
  category: 'home-kitchen',
  priceAmount: 12_000,
  currency: 'USD',
  imageUrl: null,
  attributes: {},
  createdAt: NOW,
  updatedAt: NOW,
  deletedAt: null,
  ratingCount: 3,
  ratingTotal: 13,
  ...over,
});

function fakes(options: { product?: ProductRecord; names?: Record<string, string>; bought?: boolean } = {}) {
  const stored: { review: ReviewRecord; event: ReviewPosted }[] = [];
  const store: Partial<CatalogStore> = {
    product: async (id) => (id === P1 ? (options.product ?? product()) : undefined),
    personName: async (id) => options.names?.[id],
    hasConfirmedPurchase: async () => options.bought ?? false,
    addReview: async (review, event) => {
      if (stored.some((s) => s.review.userId === review.userId)) return 'duplicate';
      stored.push({ review, event });
      return 'added';
    },
    reviews: async () => ({ items: stored.map((s) => ({ ...s.review, verifiedPurchase: true })), total: stored.length }),
  };
  const deps = { store: store as CatalogStore, clock: { now: () => NOW } } as CatalogDeps;
  return { deps, stored };
}

describe('reviews', () => {
  it('when a shopper who bought the product reviews it, then the review is stored as verified and the seller event names product and author', async () => {
    const { deps, stored } = fakes({ names: { [SHOPPER.id]: 'Ada Lovelace' }, bought: true });

    const review = await postReview(deps, SHOPPER, P1, { rating: 4, title: 'Solid', body: 'Sturdy and warm.' });

    expect(review).toMatchObject({
      productId: P1,
      authorName: 'Ada Lovelace',
      rating: 4,
      title: 'Solid',
      body: 'Sturdy and warm.',
      verifiedPurchase: true,
      createdAt: NOW.toISOString(),
    });
    expect(stored[0]!.event).toEqual({
      reviewId: review.id,
      productId: P1,
      productName: 'Oak Desk',
      sellerId: SELLER,
      rating: 4,
      title: 'Solid',
      authorName: 'Ada Lovelace',
    });
  });

  it('when the author has not bought it and their name is unknown, then the review is unverified and signed as a shopper, without a title', async () => {
    const { deps } = fakes();

    const review = await postReview(deps, SHOPPER, P1, { rating: 2, body: 'Meh.' });

    expect(review).toMatchObject({ authorName: ANONYMOUS_AUTHOR, verifiedPurchase: false, title: null });
  });

  it('when the same shopper reviews twice, then the second is a 409 review-exists', async () => {
    const { deps, stored } = fakes();
    await postReview(deps, SHOPPER, P1, { rating: 5, body: 'Great.' });

    await expect(postReview(deps, SHOPPER, P1, { rating: 1, body: 'Changed my mind.' })).rejects.toMatchObject({ status: 409, code: 'review-exists' });
    expect(stored).toHaveLength(1);
  });

  it('when a seller reviews their own product, then it is a 403; a deleted or unknown product is a 404', async () => {
    const seller: Principal = { id: SELLER, email: 'maker@example.com', role: 'seller' };
    await expect(postReview(fakes().deps, seller, P1, { rating: 5, body: 'Mine is best.' })).rejects.toMatchObject({ status: 403 });
    await expect(postReview(fakes({ product: product({ deletedAt: NOW }) }).deps, SHOPPER, P1, { rating: 5, body: 'x' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(postReview(fakes().deps, SHOPPER, '00000000-0000-4000-8000-0000000000ff', { rating: 5, body: 'x' })).rejects.toMatchObject({ status: 404 });
  });

  it("when reviews are listed, then the page carries the product's rating rounded to one decimal", async () => {
    const { deps } = fakes();

    const page = await listReviews(deps, P1, { page: 1, pageSize: 20 });

    expect(page).toMatchObject({ total: 0, page: 1, pageSize: 20, rating: { average: 4.3, count: 3 } });
  });
});
