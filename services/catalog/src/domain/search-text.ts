import type { ProductRecord } from './ports';

/** Words too common to say anything when found inside a product name. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'it',
  'of',
  'on',
  'or',
  'that',
  'the',
  'to',
  'with',
  'under',
  'over',
  'my',
  'me',
  'i',
  'something',
  'some',
  'any',
  'what',
  'who',
  'want',
  'need',
  'looking',
]);

/** The words of a shopper's query, lower-case letters and digits only (so they are safe in a tsquery). */
export function queryTerms(text: string): string[] {
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[a-z0-9]+/g) ?? [];
  return [...new Set(words)].slice(0, 32);
}

/**
 * A prefix tsquery over the terms, any of them matching (`lamp:* | shoe:*`): stemming still applies, so
 * "running" finds "run" and "lamp" finds "lamps"; ranking puts products matching more terms first.
 * Undefined when no term survives.
 */
export function prefixTsquery(terms: string[]): string | undefined {
  return terms.length ? terms.map((t) => `${t}:*`).join(' | ') : undefined;
}

/** LIKE patterns for terms found inside a name ("lamp" in "Headlamp"), stop words and one-letter terms left out. */
export function nameSubstringPatterns(terms: string[]): string[] {
  return terms.filter((t) => t.length >= 3 && !STOP_WORDS.has(t)).map((t) => `%${t}%`);
}

/** The text a product's embedding is made from: name, category words and description. */
export function embeddingSource(product: Pick<ProductRecord, 'name' | 'category' | 'description'>): string {
  return `${product.name}. ${product.category.replace(/-/g, ' ')}. ${product.description}`.slice(0, 2000);
}
