import { RecentResults } from './RecentResults';

describe('RecentResults', () => {
  it('keeps a total for its time to live, per key', () => {
    let now = 1_000;
    const totals = new RecentResults<number>(5_000, 10, () => now);
    totals.set('a', 3, totals.generation);
    totals.set('b', 7, totals.generation);
    now += 4_999;
    expect([totals.get('a'), totals.get('b'), totals.get('c')]).toEqual([3, 7, undefined]);
    now += 1;
    expect(totals.get('a')).toBeUndefined();
  });

  it('forgets everything when cleared, when full, and keeps nothing without a time to live', () => {
    const totals = new RecentResults<number>(5_000, 2);
    totals.set('a', 1, totals.generation);
    totals.clear();
    expect(totals.get('a')).toBeUndefined();
    totals.set('a', 1, totals.generation);
    totals.set('b', 2, totals.generation);
    totals.set('c', 3, totals.generation);
    expect([totals.get('a'), totals.get('b'), totals.get('c')]).toEqual([undefined, undefined, 3]);
    const none = new RecentResults<number>(0);
    none.set('a', 1, none.generation);
    expect(none.get('a')).toBeUndefined();
  });

  it('does not keep a total counted before a clear', () => {
    const totals = new RecentResults<number>(5_000);
    const countedSince = totals.generation;
    totals.clear(); // a write committed while the count ran
    totals.set('a', 1, countedSince);
    expect(totals.get('a')).toBeUndefined();
  });
});
