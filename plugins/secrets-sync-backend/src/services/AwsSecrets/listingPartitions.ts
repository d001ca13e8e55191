/**
 * How a listing of many known secret names is split into listings that
 * page in parallel. ListSecrets pages through a prefix 100 secrets at a
 * time, one page after the other: 10,000 secrets are 100 pages in sequence,
 * seconds even at AWS's latency. The names a summary wants are known, so
 * they can be split by disjoint name prefixes, each listing paging through
 * its share at the same time; the pages add up to about the same number.
 */

/** ListSecrets takes at most 10 values per filter. */
const MAX_FILTER_VALUES = 10;

/** Below this many names per listing, another listing saves too few pages to be worth it. */
const MIN_NAMES_PER_LISTING = 500;

/** Listings of one prefix in flight at once: far below ListSecrets' request quota. */
export const MAX_LISTINGS_PER_PREFIX = 8;

function commonPrefix(names: string[]): string {
  let prefix = names[0] ?? '';
  for (const name of names) {
    while (!name.startsWith(prefix)) {
      prefix = prefix.slice(0, -1);
    }
  }
  return prefix;
}

type Group = { prefix: string; names: string[] };

/** The group split by the character after its prefix; undefined when it cannot be. */
function split(group: Group): Group[] | undefined {
  // a name that is the prefix itself would need the prefix as a filter
  // value, which matches the whole group again
  if (group.names.some(name => name.length === group.prefix.length)) {
    return undefined;
  }
  const byNext = new Map<string, string[]>();
  for (const name of group.names) {
    const next = name.slice(0, group.prefix.length + 1);
    const names = byNext.get(next);
    if (names) {
      names.push(name);
    } else {
      byNext.set(next, [name]);
    }
  }
  return [...byNext.values()].map(names => ({
    prefix: commonPrefix(names),
    names,
  }));
}

/**
 * The name filters to list `names` with: one filter (up to 10 prefix
 * values) per listing, every name under exactly one listing's prefixes.
 * Few names keep the one listing of `namePrefix`, as before.
 *
 * @param names - the secret names wanted, all starting with `namePrefix`
 * @param namePrefix - the prefix every wanted name starts with ('' for none)
 */
export function partitionListing(
  names: string[],
  namePrefix: string,
): string[][] {
  const listings = Math.min(
    MAX_LISTINGS_PER_PREFIX,
    Math.floor(names.length / MIN_NAMES_PER_LISTING),
  );
  if (listings < 2 || names.some(name => !name.startsWith(namePrefix))) {
    return [[namePrefix]];
  }
  const unique = [...new Set(names)];
  // groups of at most half a listing's share pack evenly into listings
  const target = Math.ceil(unique.length / listings / 2);
  let groups: Group[] = [{ prefix: commonPrefix(unique), names: unique }];
  const unsplittable = new Set<Group>();
  for (;;) {
    const largest = groups
      .filter(group => !unsplittable.has(group))
      .sort((a, b) => b.names.length - a.names.length)[0];
    if (!largest || largest.names.length <= target) {
      break;
    }
    const parts = split(largest);
    const count = groups.length - 1 + (parts?.length ?? 0);
    // half the filter values listings can hold leaves room to pack evenly
    if (!parts || count > (listings * MAX_FILTER_VALUES) / 2) {
      unsplittable.add(largest);
      continue;
    }
    groups = [...groups.filter(group => group !== largest), ...parts];
  }
  if (groups.length === 1) {
    return [[namePrefix]];
  }
  // the largest groups first, each to the lightest listing with room
  const bins = Array.from({ length: listings }, () => ({
    values: [] as string[],
    load: 0,
  }));
  for (const group of groups.sort((a, b) => b.names.length - a.names.length)) {
    const bin = bins
      .filter(candidate => candidate.values.length < MAX_FILTER_VALUES)
      .sort((a, b) => a.load - b.load)[0];
    bin.values.push(group.prefix);
    bin.load += group.names.length;
  }
  return bins.filter(bin => bin.values.length > 0).map(bin => bin.values);
}
