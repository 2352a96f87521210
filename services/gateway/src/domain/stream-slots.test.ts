import { StreamSlots } from './stream-slots';

describe('StreamSlots', () => {
  it('when a user opens one stream more than the limit, then their oldest is closed and the new one kept', () => {
    const slots = new StreamSlots(2);
    const closed: string[] = [];

    slots.claim('u1', () => closed.push('first'));
    slots.claim('u1', () => closed.push('second'));
    slots.claim('u1', () => closed.push('third'));

    expect(closed).toEqual(['first']);
    expect(slots.count('u1')).toBe(2);
  });

  it('when streams of other users are open, then they do not count against this user', () => {
    const slots = new StreamSlots(1);
    const closed: string[] = [];

    slots.claim('u1', () => closed.push('u1'));
    slots.claim('u2', () => closed.push('u2'));

    expect(closed).toEqual([]);
  });

  it('when a stream ends, then its slot is free again (and releasing twice frees only one)', () => {
    const slots = new StreamSlots(2);
    const closed: string[] = [];
    const release = slots.claim('u1', () => closed.push('a'));
    slots.claim('u1', () => closed.push('b'));

    release();
    release();
    slots.claim('u1', () => closed.push('c'));

    expect(closed).toEqual([]);
    expect(slots.count('u1')).toBe(2);
  });
});
