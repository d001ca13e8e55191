import {
  CompoundEntityRef,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const validator = makeValidator();

/** Printable ASCII: case folding maps nothing else onto a valid name. */
const ASCII = /^[\x21-\x7e]+$/;

const PARTS = [
  {
    part: 'kind',
    valid: (value: string) => validator.isValidKind(value),
    rule: 'a catalog kind',
  },
  {
    part: 'namespace',
    valid: (value: string) => validator.isValidNamespace(value),
    rule: 'a catalog namespace',
  },
  {
    part: 'name',
    valid: (value: string) => validator.isValidEntityName(value),
    rule: 'a catalog entity name',
  },
] as const;

/**
 * The entity a request's path names, validated by the catalog's own rules
 * for kinds, namespaces and names (so `.`, `..` and anything holding `/`
 * are refused before any read or audit), in canonical lower case. The
 * InputError says which part is wrong and never quotes it.
 */
export function parseEntityParams(params: {
  kind: string;
  namespace: string;
  name: string;
}): CompoundEntityRef {
  const canonical = {} as Record<(typeof PARTS)[number]['part'], string>;
  for (const { part, valid, rule } of PARTS) {
    const value: unknown = params[part];
    const lower =
      typeof value === 'string' && ASCII.test(value)
        ? value.toLocaleLowerCase('en-US')
        : undefined;
    if (lower === undefined || !valid(lower)) {
      throw new InputError(
        `The entity ${part} in the request path is not ${rule}`,
      );
    }
    canonical[part] = lower;
  }
  return canonical;
}

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
