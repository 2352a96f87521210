import type { AddressWithId } from '@shopmesh/contracts';
import { mergeAddress } from './addresses';

const current: AddressWithId = {
  id: '1d000000-0000-4000-8000-0000000000aa',
  name: 'Casey',
  line1: 'Main St 1',
  line2: 'Flat 2',
  city: 'Berlin',
  region: 'BE',
  postalCode: '10115',
  country: 'DE',
};

describe('merging an address change', () => {
  it('when fields are given, then only they change', () => {
    expect(mergeAddress(current, { city: 'Hamburg', postalCode: '20095' })).toEqual({ ...current, city: 'Hamburg', postalCode: '20095' });
  });

  it('when an optional field is null, then it is removed', () => {
    const merged = mergeAddress(current, { line2: null, region: null });

    expect(merged).not.toHaveProperty('line2');
    expect(merged).not.toHaveProperty('region');
    expect(merged.line1).toBe('Main St 1');
  });
});
