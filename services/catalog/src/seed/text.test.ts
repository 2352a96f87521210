import { Id } from '@shopmesh/contracts';
import { midSentence, slugify, uuidFromName, withArticle } from './text';

describe('uuidFromName', () => {
  it('when given the same name twice, then it gives the same valid uuid, and different names differ', () => {
    const id = uuidFromName('cast-iron-skillet');

    expect(uuidFromName('cast-iron-skillet')).toBe(id);
    expect(uuidFromName('walnut-cutting-board')).not.toBe(id);
    expect(Id.safeParse(id).success).toBe(true);
    expect(id[14]).toBe('5');
  });
});

describe('slugify', () => {
  it('when a name has apostrophes, accents and punctuation, then it becomes lower-case words joined by hyphens', () => {
    expect(slugify("Heritage Chef's Knife")).toBe('heritage-chefs-knife');
    expect(slugify('Portable 10,000 mAh Power Bank')).toBe('portable-10-000-mah-power-bank');
    expect(slugify('Crème Brûlée Torch')).toBe('creme-brulee-torch');
  });
});

describe('midSentence', () => {
  it('when a title is used mid-sentence, then plain words are lower-cased and acronyms and brands kept', () => {
    expect(midSentence('Mineral SPF 50 Sunscreen')).toBe('mineral SPF 50 sunscreen');
    expect(midSentence('Waterproof Bluetooth Speaker')).toBe('waterproof Bluetooth speaker');
    expect(midSentence('Wi-Fi Smart Plug')).toBe('Wi-Fi smart plug');
  });
});

describe('withArticle', () => {
  it('when a phrase starts with a vowel sound, then it takes "an", otherwise "a"', () => {
    expect(withArticle('oxford shirt')).toBe('an oxford shirt');
    expect(withArticle('eucalyptus body wash')).toBe('a eucalyptus body wash');
    expect(withArticle('tent')).toBe('a tent');
  });
});
