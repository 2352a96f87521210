/** One kind of product a category sells, with the words its generated products are made of. */
export interface ProductKind {
  /** Title-case noun, e.g. `Chef's Knife`. */
  noun: string;
  /** The noun is plural (`Running Shoes`), so sentences say "are" and drop the article. */
  plural?: boolean;
  /** Materials, sizes or styles; one per generated product of this kind. */
  variants: [string, string, string];
  /** Completes "a <noun> ..." in the first sentence, e.g. `balanced for precise slicing`. */
  purpose: string;
  /** Specific sentences; each generated product of this kind gets a different one. */
  details: [string, string, string];
  /** Price range in whole dollars. */
  price: [number, number];
}

/** Everything the generator needs to make a category's products. */
export interface CategoryTemplate {
  slug: string;
  name: string;
  description: string;
  /** Index into the seed sellers (0, 1 or 2): the shop that sells this category. */
  seller: 0 | 1 | 2;
  adjectives: string[];
  colors: string[];
  useCases: string[];
  closers: string[];
  kinds: ProductKind[];
}
