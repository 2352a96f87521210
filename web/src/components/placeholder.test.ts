import { describe, expect, it } from 'vitest';
import { placeholderImage } from './placeholder';

describe('placeholderImage', () => {
  it('when asked twice for one product, then the same SVG comes back, with its initials escaped', () => {
    const a = placeholderImage('id-1', 'Tom & Jerry <Mug>');
    expect(a).toBe(placeholderImage('id-1', 'Tom & Jerry <Mug>'));
    const svg = decodeURIComponent(a.replace('data:image/svg+xml,', ''));
    expect(svg).toContain('>T&#38;<');
    expect(placeholderImage('id-2', 'Tom & Jerry <Mug>')).not.toBe(a);
  });
});
