import { createHash } from 'node:crypto';

/** A UUID (version 5 layout) derived from a name: the same name always gives the same id. */
export function uuidFromName(name: string): string {
  const bytes = createHash('sha1').update(`shopmesh-catalog:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A stable pseudo-random number for a name and a purpose (price, stock, wording). */
export function hashNumber(name: string, purpose: string): number {
  return createHash('sha1').update(`${purpose}:${name}`).digest().readUInt32BE(0);
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const PROPER_WORDS = new Set(['Bluetooth', 'Wi', 'Fi']);

/** Lower-cases title-case words for use mid-sentence, keeping acronyms and brand names. */
export function midSentence(title: string): string {
  return title.replace(/[A-Za-z'’]+/g, (word) => (/^[A-Z][a-z'’]*$/.test(word) && !PROPER_WORDS.has(word) ? word.toLowerCase() : word));
}

/** "a" or "an" by sound: vowels take "an", except where they sound like "you" or "won". */
export function withArticle(phrase: string): string {
  const vowelSound = /^[aeiou]/i.test(phrase) && !/^(eu|uni|use|one)/i.test(phrase);
  return `${vowelSound ? 'an' : 'a'} ${phrase}`;
}
