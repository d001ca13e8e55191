import { MAX_LISTINGS_PER_PREFIX, partitionListing } from './listingPartitions';

/** The names each listing's filter would return: a prefix match per value. */
function listed(listings: string[][], names: string[]) {
  return listings.map(values =>
    names.filter(name => values.some(value => name.startsWith(value))),
  );
}

describe('partitionListing', () => {
  it('keeps one listing of the prefix for a few hundred names', () => {
    const names = Array.from({ length: 900 }, (_, i) => `sites/t${i}/build`);

    expect(partitionListing(names, 'sites/')).toEqual([['sites/']]);
  });

  it('splits 10,000 names into at most eight listings of about equal size, each name under exactly one', () => {
    const names = Array.from(
      { length: 10_000 },
      (_, i) => `sites/fleet-${i}/build`,
    );

    const listings = partitionListing(names, 'sites/');
    const shares = listed(listings, names);

    expect(listings.length).toBeGreaterThan(1);
    expect(listings.length).toBeLessThanOrEqual(MAX_LISTINGS_PER_PREFIX);
    listings.forEach(values => expect(values.length).toBeLessThanOrEqual(10));
    expect(shares.flat().sort()).toEqual([...names].sort());
    // pages of 100: the longest listing pages about an eighth of the names
    const longest = Math.max(...shares.map(share => share.length));
    expect(longest).toBeLessThanOrEqual(Math.ceil(10_000 / 8) * 1.2);
  });

  it('does not split a group holding a name that is its own prefix, and still lists every name once', () => {
    const names = [
      'sites/a',
      ...Array.from({ length: 1999 }, (_, i) => `sites/a${i}`),
      ...Array.from({ length: 1000 }, (_, i) => `sites/b${i}`),
    ];

    const listings = partitionListing(names, 'sites/');

    expect(listed(listings, names).flat().sort()).toEqual([...names].sort());
  });

  it('keeps one listing when a name does not start with the prefix it was given', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `sites/t${i}`);

    expect(partitionListing([...names, 'other/x'], 'sites/')).toEqual([
      ['sites/'],
    ]);
  });

  it('lists the whole account by prefixes when no prefix is given', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `${i % 3}/t${i}`);

    const listings = partitionListing(names, '');

    expect(listings.flat()).not.toContain('');
    expect(listed(listings, names).flat().sort()).toEqual([...names].sort());
  });
});
