/** Whether the catalog's image endpoint has failed in this page load (shared by every product image). */
export const catalogImages = { missing: false };

/** A stable hue per product, so the same product always gets the same placeholder. */
function hue(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return h % 360;
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * An offline product image as an SVG data URL: a soft two-tone card with the product's initials, used
 * when the catalog has no image for it (or is not reachable).
 */
export function placeholderImage(seed: string, name: string): string {
  const h = hue(seed);
  const initials = escapeXml(
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase() ?? '')
      .join(''),
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${h} 45% 88%)"/><stop offset="1" stop-color="hsl(${(h + 40) % 360} 40% 72%)"/></linearGradient></defs><rect width="400" height="300" fill="url(#g)"/><circle cx="320" cy="70" r="90" fill="hsl(${h} 50% 96%)" opacity=".45"/><text x="200" y="175" font-family="Georgia,serif" font-size="96" text-anchor="middle" fill="hsl(${h} 35% 28%)">${initials}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
