import type { Category, CategoryFacet, PriceFacet, ReviewPosted, Seller, Stock, Suggestion } from '@shopmesh/contracts';
import type { SearchPlan } from './search';

/** A product row as stored. */
export interface ProductRecord {
  id: string;
  sellerId: string;
  name: string;
  slug: string;
  description: string;
  category: string;
  priceAmount: number;
  currency: string;
  /** The seller's image; null when the catalog draws one. */
  imageUrl: string | null;
  attributes: Record<string, string | number | boolean>;
  createdAt: Date;
  updatedAt: Date;
  /** When the seller deleted it: gone from lists and search, still readable by id for past orders. */
  deletedAt: Date | null;
  /** How many reviews the product has and the sum of their stars. */
  ratingCount: number;
  ratingTotal: number;
}

/** A review as stored. */
export interface ReviewRecord {
  id: string;
  productId: string;
  userId: string;
  authorName: string;
  rating: number;
  title: string | null;
  body: string;
  createdAt: Date;
}

/** A review as shown: whether its author has a confirmed order of the product is decided at read time. */
export interface ReviewView extends ReviewRecord {
  verifiedPurchase: boolean;
}

/** A product line of a confirmed order, as learned from orders' events. */
export interface OrderLineSeen {
  orderId: string;
  productId: string;
  userId: string;
  confirmedAt: Date;
  cancelledAt: Date | null;
}

/** A seller's profile with the reviews of their products counted. */
export interface SellerWithReviews extends Seller {
  reviewCount: number;
}

/** A category row as stored (without counts). */
export interface CategoryRecord {
  slug: string;
  name: string;
  description: string;
  position: number;
}

/** A seller row as stored. */
export interface SellerRecord {
  id: string;
  displayName: string;
  rating: number | null;
}

/** Category counts and price buckets of a result set. */
export interface Facets {
  categories: CategoryFacet[];
  prices: PriceFacet[];
}

/** One page of search results with its facet counts. */
export interface SearchResult {
  items: ProductRecord[];
  total: number;
  facets: Facets;
}

/** How {@link CatalogStore.rankedIds} orders matches: keyword relevance, or closeness to a query vector. */
export type Ranking = { by: 'keyword' } | { by: 'meaning'; vector: number[] };

/** A product's embedding and the text it was made from. */
export interface ProductEmbedding {
  id: string;
  source: string;
  vector: number[];
}

/** The catalog's storage. */
export interface CatalogStore {
  /** A keyword search or a browse, one page with totals and facets. */
  search(plan: SearchPlan): Promise<SearchResult>;
  /** Ids of the best `limit` matches of the plan's filters under a ranking, best first. */
  rankedIds(plan: SearchPlan, ranking: Ranking, limit: number): Promise<string[]>;
  /** Product names and categories like `text` (prefix or trigram similarity), best first. */
  suggest(text: string, limit: number): Promise<Suggestion[]>;
  /** Up to `limit` products nearest to the product's embedding, nearest first; empty without one. */
  nearestTo(productId: string, limit: number): Promise<ProductRecord[]>;
  /** Up to `limit` listed products that share the most confirmed orders with this one, most shared first. */
  boughtTogether(productId: string, limit: number): Promise<ProductRecord[]>;
  /** Products that have no embedding yet (new, or seeded before the model was there). */
  productsWithoutEmbedding(limit: number): Promise<ProductRecord[]>;
  /** The text the product's embedding was made from; null without one, undefined for no product. */
  embeddingSourceOf(productId: string): Promise<string | null | undefined>;
  saveEmbeddings(embeddings: ProductEmbedding[]): Promise<void>;
  /** A product by id, deleted ones included (past orders link to them). */
  product(id: string): Promise<ProductRecord | undefined>;
  /** The products found among `ids` (deleted ones included), in no particular order. */
  products(ids: string[]): Promise<ProductRecord[]>;
  /** A seller's listed products, newest first. */
  sellerProducts(sellerId: string, limit: number, offset: number): Promise<{ items: ProductRecord[]; total: number }>;
  categories(): Promise<Category[]>;
  category(slug: string): Promise<Category | undefined>;
  /** A seller's profile; `rating` averages the reviews of their products, the stored rating until there are any. */
  seller(id: string): Promise<SellerWithReviews | undefined>;
  /** Adds the seller unless known (a new seller account, or a seed). */
  addSeller(seller: SellerRecord): Promise<void>;
  /** Lists a new product, queueing catalog.product-changed (`created`) in the same transaction; adds its seller when unknown. */
  createProduct(product: ProductRecord, sellerName: string): Promise<void>;
  /** Saves a changed product, queueing catalog.product-changed (`updated`) in the same transaction. */
  updateProduct(product: ProductRecord): Promise<void>;
  /** Soft-deletes the product, queueing catalog.product-changed (`deleted`) in the same transaction. */
  deleteProduct(product: ProductRecord, now: Date): Promise<void>;
  /** A page of the product's reviews, newest first. */
  reviews(productId: string, limit: number, offset: number): Promise<{ items: ReviewView[]; total: number }>;
  /**
   * Stores the review, adds it to the product's rating and queues catalog.review-posted and
   * catalog.product-changed, all in one transaction; `duplicate` (nothing written) when the author
   * already reviewed the product.
   */
  addReview(review: ReviewRecord, event: ReviewPosted): Promise<'added' | 'duplicate'>;
  /** Whether the user has a confirmed (not cancelled) order of the product. */
  hasConfirmedPurchase(userId: string, productId: string): Promise<boolean>;
  /** The name a user registered with, if the catalog learned it. */
  personName(userId: string): Promise<string | undefined>;
  rememberPerson(userId: string, displayName: string): Promise<void>;
  /** Records the product lines of a confirmed order (idempotent). */
  recordConfirmedOrder(lines: OrderLineSeen[]): Promise<void>;
  /** Marks the lines of a cancelled order (idempotent; an order never confirmed has none). */
  recordCancelledOrder(orderId: string, at: Date): Promise<void>;
  /** Touches the product and queues catalog.product-changed in the same transaction. */
  markProductChanged(product: ProductRecord, now: Date): Promise<void>;
  hasProducts(): Promise<boolean>;
  insertCatalog(data: { categories: CategoryRecord[]; sellers: SellerRecord[]; products: ProductRecord[] }): Promise<void>;
}

/** The inventory service as the catalog uses it. */
export interface InventoryPort {
  /** Available units by product id (unknown products: 0). Fails when inventory cannot answer. */
  available(productIds: string[]): Promise<Map<string, number>>;
  /** Like {@link available}, but undefined when inventory cannot answer, so browsing keeps working. */
  availableIfReachable(productIds: string[]): Promise<Map<string, number> | undefined>;
  setStock(productId: string, sellerId: string, onHand: number): Promise<Stock>;
}

/**
 * The embeddings service as the catalog uses it. Fails with a 503 DomainError coded
 * `embedding-model-missing` when the model is not installed; any other failure is an outage.
 */
export interface EmbeddingsPort {
  embed(texts: string[]): Promise<number[][]>;
}

/** What the catalog use-cases work with. */
export interface CatalogDeps {
  store: CatalogStore;
  inventory: InventoryPort;
  embeddings: EmbeddingsPort;
  clock: { now(): Date };
}
