/**
 * The catalog's drawn product image: an SVG card in the colours of the product's category with a
 * pictogram of it and the product's name, so every product looks right with no network and no photo.
 * Pure and deterministic (the same product draws the same bytes, so it caches well); every piece of
 * text is XML-escaped and nothing in it can run script.
 */

interface CategoryLook {
  hue: number;
  /** SVG shapes drawn in a 120x120 box, in the category's dark colour. */
  pictogram: string;
}

const LOOKS: Record<string, CategoryLook> = {
  'outdoor-camping': { hue: 140, pictogram: '<path d="M10 100 L60 20 L110 100 Z"/><path d="M50 100 L60 70 L70 100 Z" fill-opacity=".4"/>' },
  'sports-fitness': {
    hue: 20,
    pictogram:
      '<rect x="10" y="50" width="100" height="20" rx="4"/><rect x="18" y="30" width="14" height="60" rx="3"/><rect x="88" y="30" width="14" height="60" rx="3"/>',
  },
  electronics: { hue: 210, pictogram: '<rect x="15" y="25" width="90" height="60" rx="6"/><rect x="45" y="90" width="30" height="8" rx="2"/>' },
  'home-kitchen': { hue: 35, pictogram: '<path d="M20 45 H100 V85 Q100 100 85 100 H35 Q20 100 20 85 Z"/><rect x="30" y="30" width="60" height="10" rx="5"/>' },
  'garden-patio': {
    hue: 100,
    pictogram: '<circle cx="60" cy="45" r="25"/><rect x="56" y="60" width="8" height="45"/><path d="M60 85 Q35 70 30 80 Q45 95 60 90 Z"/>',
  },
  'pet-supplies': {
    hue: 28,
    pictogram:
      '<circle cx="60" cy="75" r="22"/><circle cx="30" cy="45" r="10"/><circle cx="50" cy="30" r="10"/><circle cx="70" cy="30" r="10"/><circle cx="90" cy="45" r="10"/>',
  },
  'clothing-accessories': { hue: 300, pictogram: '<path d="M40 20 L60 32 L80 20 L108 40 L96 58 L86 52 V105 H34 V52 L24 58 L12 40 Z"/>' },
  'beauty-personal-care': { hue: 330, pictogram: '<rect x="42" y="40" width="36" height="65" rx="8"/><rect x="50" y="18" width="20" height="22" rx="3"/>' },
  'books-stationery': { hue: 250, pictogram: '<path d="M15 30 Q40 20 58 32 V100 Q40 90 15 98 Z"/><path d="M105 30 Q80 20 62 32 V100 Q80 90 105 98 Z"/>' },
  'toys-games': {
    hue: 50,
    pictogram:
      '<rect x="20" y="20" width="35" height="35" rx="5"/><rect x="65" y="20" width="35" height="35" rx="5" fill-opacity=".6"/><rect x="20" y="65" width="35" height="35" rx="5" fill-opacity=".6"/><rect x="65" y="65" width="35" height="35" rx="5"/>',
  },
};

/** A stable number from text (FNV-1a), for categories the catalog has no look for and for small variations. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const lookOf = (category: string): CategoryLook =>
  LOOKS[category] ?? { hue: hash(category) % 360, pictogram: '<circle cx="60" cy="60" r="40"/><circle cx="60" cy="60" r="20" fill-opacity=".4"/>' };

/** Text as XML character data or attribute value: nothing in it can open a tag, an entity or an attribute. */
export const escapeXml = (text: string): string =>
  [...text]
    .filter(isXmlChar)
    .join('')
    .replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** XML 1.0 allows tab, newline, carriage return and everything from space up, except U+FFFE and U+FFFF. */
function isXmlChar(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
}

/** The name in up to three lines of about `width` characters; a longer name ends with an ellipsis. */
export function wrapName(name: string, width = 22, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.trim().split(/\s+/).filter(Boolean)) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (line && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/** The drawn image of a product with this name in this category (400x300 SVG). */
export function placeholderSvg(product: { name: string; category: string }): string {
  const { hue, pictogram } = lookOf(product.category);
  // A small shift per name, so products of one category are told apart at a glance.
  const shade = (hash(product.name) % 21) - 10;
  const lines = wrapName(product.name);
  const text = lines.map((l, i) => `<tspan x="200" dy="${i === 0 ? 0 : 26}">${escapeXml(l)}</tspan>`).join('');
  const label = escapeXml(product.category.replace(/-/g, ' '));
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300" role="img">',
    `<title>${escapeXml(product.name)}</title>`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 55% ${90 + shade / 5}%)"/><stop offset="1" stop-color="hsl(${(hue + 30) % 360} 45% ${76 + shade / 2}%)"/></linearGradient></defs>`,
    '<rect width="400" height="300" fill="url(#g)"/>',
    `<g transform="translate(140 28)" fill="hsl(${hue} 40% 32%)" fill-opacity=".85">${pictogram}</g>`,
    `<text x="200" y="${190 - (lines.length - 1) * 6}" font-family="system-ui,sans-serif" font-size="21" font-weight="600" text-anchor="middle" fill="hsl(${hue} 35% 20%)">${text}</text>`,
    `<text x="200" y="284" font-family="system-ui,sans-serif" font-size="13" text-anchor="middle" fill="hsl(${hue} 30% 30%)" letter-spacing="1">${label.toUpperCase()}</text>`,
    '</svg>',
  ].join('');
}
