import { randomUUID } from 'node:crypto';
import type { CreateReviewRequest, PageQuery, Review, ReviewPage } from '@shopmesh/contracts';
import { conflict, forbidden, notFound, type Principal } from '@shopmesh/platform';
import type { CatalogDeps, ReviewRecord, ReviewView } from './ports';
import { ratingOf } from './product-views';

/** How a review's author is shown when the catalog never learned their name. */
export const ANONYMOUS_AUTHOR = 'ShopMesh shopper';

const toReview = (r: ReviewView): Review => ({
  id: r.id,
  productId: r.productId,
  authorName: r.authorName,
  rating: r.rating,
  title: r.title,
  body: r.body,
  verifiedPurchase: r.verifiedPurchase,
  createdAt: r.createdAt.toISOString(),
});

/** A page of a product's reviews, newest first, with its rating; deleted products keep theirs readable. */
export async function listReviews(deps: CatalogDeps, productId: string, query: PageQuery): Promise<ReviewPage> {
  const product = await deps.store.product(productId);
  if (!product) throw notFound('Product');
  const { items, total } = await deps.store.reviews(productId, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: items.map(toReview), total, page: query.page, pageSize: query.pageSize, rating: ratingOf(product) };
}

/**
 * A shopper reviews a listed product, once: a second review is a 409 and writes nothing. A seller
 * cannot review their own product. Whether it is a verified purchase is decided when it is read, from
 * the confirmed orders the catalog learned of. The seller hears of it through catalog.review-posted.
 */
export async function postReview(deps: CatalogDeps, author: Principal, productId: string, request: CreateReviewRequest): Promise<Review> {
  const product = await deps.store.product(productId);
  if (!product || product.deletedAt) throw notFound('Product');
  if (product.sellerId === author.id) throw forbidden('Sellers cannot review their own products');
  const review: ReviewRecord = {
    id: randomUUID(),
    productId,
    userId: author.id,
    authorName: (await deps.store.personName(author.id)) ?? ANONYMOUS_AUTHOR,
    rating: request.rating,
    title: request.title || null,
    body: request.body,
    createdAt: deps.clock.now(),
  };
  const outcome = await deps.store.addReview(review, {
    reviewId: review.id,
    productId,
    productName: product.name,
    sellerId: product.sellerId,
    rating: review.rating,
    title: review.title,
    authorName: review.authorName,
  });
  if (outcome === 'duplicate') throw conflict('review-exists', 'You have already reviewed this product: one review per shopper and product');
  return toReview({ ...review, verifiedPurchase: await deps.store.hasConfirmedPurchase(author.id, productId) });
}
