import type { Category, CategoryFacet, PriceFacet, Seller, Stock, Suggestion } from '@shopmesh/contracts';
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
  imageUrl: string;
  attributes: Record<string, string | number | boolean>;
  createdAt: Date;
  updatedAt: Date;
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
  /** Products that have no embedding yet (new, or seeded before the model was there). */
  productsWithoutEmbedding(limit: number): Promise<ProductRecord[]>;
  /** The text the product's embedding was made from; null without one, undefined for no product. */
  embeddingSourceOf(productId: string): Promise<string | null | undefined>;
  saveEmbeddings(embeddings: ProductEmbedding[]): Promise<void>;
  product(id: string): Promise<ProductRecord | undefined>;
  /** The products found among `ids`, in no particular order. */
  products(ids: string[]): Promise<ProductRecord[]>;
  sellerProducts(sellerId: string, limit: number, offset: number): Promise<{ items: ProductRecord[]; total: number }>;
  categories(): Promise<Category[]>;
  category(slug: string): Promise<Category | undefined>;
  seller(id: string): Promise<Seller | undefined>;
  /** Adds the seller unless known (a new seller account, or a seed). */
  addSeller(seller: SellerRecord): Promise<void>;
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
