import { escapeXml, placeholderSvg, wrapName } from './product-image';

describe('drawn product image', () => {
  it('when the same product is drawn twice, then the bytes are the same; another category draws other colours', () => {
    const lamp = { name: 'Trail Headlamp', category: 'outdoor-camping' };

    expect(placeholderSvg(lamp)).toBe(placeholderSvg({ ...lamp }));
    expect(placeholderSvg(lamp)).toContain('hsl(140 ');
    expect(placeholderSvg({ ...lamp, category: 'electronics' })).toContain('hsl(210 ');
    expect(placeholderSvg({ ...lamp, category: 'electronics' })).not.toContain('hsl(140 ');
  });

  it('when the name holds markup, quotes or control characters, then none of it reaches the SVG unescaped', () => {
    const svg = placeholderSvg({ name: `<script>alert("x")</script> & 'friends'\u0001`, category: 'toys-games' });

    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('"x"');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('when a category is unknown, then it still gets a stable colour of its own', () => {
    expect(placeholderSvg({ name: 'Thing', category: 'odd-things' })).toBe(placeholderSvg({ name: 'Thing', category: 'odd-things' }));
    expect(placeholderSvg({ name: 'Thing', category: 'odd-things' })).toContain('ODD THINGS');
  });

  it('when a name is long, then it wraps into at most three lines and the last ends with an ellipsis', () => {
    const lines = wrapName('An Extraordinarily Long Product Name That Goes On And On About Its Many Virtues');

    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.length <= 22)).toBe(true);
    expect(lines[2]!.endsWith('…')).toBe(true);
    expect(wrapName('Desk Lamp')).toEqual(['Desk Lamp']);
  });

  it('when text is escaped, then the five XML specials become character references', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
