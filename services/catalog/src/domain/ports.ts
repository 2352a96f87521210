import type { Category, CategoryFacet, Seller, Stock } from '@shopmesh/contracts';
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

/** One page of search results with its facet counts. */
export interface SearchResult {
  items: ProductRecord[];
  total: number;
  facets: CategoryFacet[];
}

/** The catalog's storage. */
export interface CatalogStore {
  search(plan: SearchPlan): Promise<SearchResult>;
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

/** What the catalog use-cases work with. */
export interface CatalogDeps {
  store: CatalogStore;
  inventory: InventoryPort;
  clock: { now(): Date };
}
