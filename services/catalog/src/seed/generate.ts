import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import type { CategoryRecord, ProductRecord, SellerRecord } from '../domain/ports';
import { CATEGORY_TEMPLATES, type CategoryTemplate, type ProductKind } from './templates';
import { hashNumber, midSentence, slugify, uuidFromName, withArticle } from './text';

/** A product of the seed with the units inventory starts it with. */
export interface SeedProduct extends ProductRecord {
  stock: number;
}

/** The whole sample catalog. */
export interface CatalogSeed {
  categories: CategoryRecord[];
  sellers: SellerRecord[];
  products: SeedProduct[];
}

/** A seller account the seed attaches products to. */
export interface SeedSeller {
  id: string;
  displayName: string;
  rating: number | null;
}

/** Each kind yields this many products (one per variant), so a category of 7 kinds has 21. */
const PER_KIND = 3;
const FIRST_CREATED = Date.UTC(2025, 0, 6, 9);
const HOUR = 3_600_000;
/** Coprime with the product count, so creation times are a shuffle that mixes categories in "newest". */
const SHUFFLE_STEP = 37;

const createdAt = (order: number): Date => new Date(FIRST_CREATED + order * 7 * HOUR);

interface Pick {
  template: CategoryTemplate;
  kind: ProductKind;
  kindIndex: number;
  variantIndex: number;
}

function nameOf({ template, kind, kindIndex, variantIndex }: Pick): { name: string; adjective: string; variant: string } {
  // Stepping adjectives by 2 per variant gives each kind's three products three different adjectives.
  const adjective = template.adjectives[(kindIndex + variantIndex * 2) % template.adjectives.length]!;
  const variant = kind.variants[variantIndex]!;
  return { name: `${adjective} ${variant} ${kind.noun}`, adjective, variant };
}

function describe(pick: Pick, name: string, variant: string): string {
  const { template, kind, variantIndex } = pick;
  const h = hashNumber(name, 'wording');
  const noun = midSentence(kind.noun);
  const article = (phrase: string) => (kind.plural ? phrase : withArticle(phrase));
  const opening =
    h % 2 === 0
      ? `The ${name} ${kind.plural ? 'are' : 'is'} ${article(noun)} ${kind.purpose}.`
      : `Meet the ${name}: ${article(`${midSentence(variant)} ${noun}`)} ${kind.purpose}.`;
  const sentences = [opening, kind.details[variantIndex]!];
  if ((h >>> 1) % 3 !== 0) sentences.push(template.useCases[(h >>> 3) % template.useCases.length]!);
  if ((h >>> 5) % 2 === 0) sentences.push(template.closers[(h >>> 7) % template.closers.length]!);
  return sentences.join(' ');
}

function priceOf(kind: ProductKind, name: string): number {
  const [min, max] = kind.price;
  const dollars = min + (hashNumber(name, 'price') % (max - min + 1));
  return dollars * 100 - 1;
}

function generateProduct(pick: Pick, sellers: SeedSeller[], created: Date): SeedProduct {
  const { name, adjective, variant } = nameOf(pick);
  const slug = slugify(name);
  const colors = pick.template.colors;
  return {
    id: uuidFromName(slug),
    sellerId: sellers[pick.template.seller]!.id,
    name,
    slug,
    description: describe(pick, name, variant),
    category: pick.template.slug,
    priceAmount: priceOf(pick.kind, name),
    currency: 'USD',
    // No photo: the catalog draws each product's image, so the shop looks right without a network.
    imageUrl: null,
    attributes: { variant, color: colors[hashNumber(name, 'color') % colors.length]!, style: adjective },
    createdAt: created,
    updatedAt: created,
    deletedAt: null,
    ratingCount: 0,
    ratingTotal: 0,
    stock: 10 + (hashNumber(name, 'stock') % 191),
  };
}

/** The product the concurrency tests fight over: exactly 5 units. */
function scarceProduct(sellers: SeedSeller[], created: Date): SeedProduct {
  return {
    id: SCARCE_PRODUCT_ID,
    sellerId: sellers[0]!.id,
    name: 'Limited Edition Hand-Thrown Ceramic Teapot',
    slug: 'limited-edition-hand-thrown-ceramic-teapot',
    description:
      'A one-liter teapot thrown on the wheel by a single potter and glazed in a deep celadon that pools in every curve. ' +
      'A built-in strainer holds loose-leaf green and oolong teas, and the lid stays put while you pour. ' +
      'Only a handful are made each season, so when this batch is gone it is gone.',
    category: 'home-kitchen',
    priceAmount: 12_900,
    currency: 'USD',
    imageUrl: null,
    attributes: { variant: 'Stoneware', color: 'celadon', style: 'Limited Edition', capacityLiters: 1 },
    createdAt: created,
    updatedAt: created,
    deletedAt: null,
    ratingCount: 0,
    ratingTotal: 0,
    stock: 5,
  };
}

/**
 * Builds the sample catalog from the category templates: every kind in every category once per variant,
 * plus one deliberately scarce product. Deterministic: ids, prices, stock and wording derive from names.
 */
export function generateCatalogSeed(sellers: SeedSeller[]): CatalogSeed {
  if (sellers.length < 3) throw new Error('the catalog seed needs three sellers');
  const picks: Pick[] = CATEGORY_TEMPLATES.flatMap((template) =>
    Array.from({ length: PER_KIND }, (_, variantIndex) => template.kinds.map((kind, kindIndex) => ({ template, kind, kindIndex, variantIndex }))).flat(),
  );
  const products = picks.map((pick, index) => generateProduct(pick, sellers, createdAt((index * SHUFFLE_STEP) % picks.length)));
  products.push(scarceProduct(sellers, createdAt(picks.length)));
  return {
    categories: CATEGORY_TEMPLATES.map((t, position) => ({ slug: t.slug, name: t.name, description: t.description, position })),
    sellers: sellers.slice(0, 3).map((s) => ({ id: s.id, displayName: s.displayName, rating: s.rating })),
    products,
  };
}
