import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** An entity ref in canonical lower case, or undefined when it is not a full ref (kind included). */
export function canonicalEntityRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Whether two entity refs name the same entity, as the catalog compares
 * them: case-insensitively, `component:web` being `component:default/web`.
 * A string that is not a full ref is the same as nothing.
 */
export function sameEntityRef(a: string, b: string): boolean {
  const left = canonicalEntityRef(a);
  return left !== undefined && left === canonicalEntityRef(b);
}
