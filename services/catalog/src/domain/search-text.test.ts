import { embeddingSource, nameSubstringPatterns, prefixTsquery, queryTerms } from './search-text';

describe('search text', () => {
  it('when a shopper types punctuation, accents and capitals, then only lower-case words are kept, once each', () => {
    expect(queryTerms('Gift for a RUNNER under $50 — runner!')).toEqual(['gift', 'for', 'a', 'runner', 'under', '50']);
    expect(queryTerms('Café crème')).toEqual(['cafe', 'creme']);
  });

  it('when terms are given, then the tsquery matches any of them by prefix, and nothing is built from none', () => {
    expect(prefixTsquery(['lamp', 'desk'])).toBe('lamp:* | desk:*');
    expect(prefixTsquery([])).toBeUndefined();
  });

  it('when terms are short or stop words, then they are not looked for inside names', () => {
    expect(nameSubstringPatterns(['a', 'for', 'lamp', 'xl', 'runner'])).toEqual(['%lamp%', '%runner%']);
  });

  it('when a product is embedded, then its name, category words and description make the text', () => {
    expect(embeddingSource({ name: 'Trail Headlamp', category: 'outdoor-gear', description: 'Bright.' })).toBe('Trail Headlamp. outdoor gear. Bright.');
  });
});
