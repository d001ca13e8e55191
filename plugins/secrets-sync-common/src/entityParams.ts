import { CompoundEntityRef, makeValidator } from '@backstage/catalog-model';
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
 * The entity a request's path (or an action's entityRef) names, validated by the catalog's own rules
 * for kinds, namespaces and names (so `.`, `..` and anything holding `/`
 * are refused before any read or audit), in canonical lower case. The
 * InputError says which part is wrong (`where` it was found: the request
 * path, or an action's entityRef) and never quotes it.
 *
 * @public
 */
export function parseEntityParams(
  params: {
    kind: string;
    namespace: string;
    name: string;
  },
  where = 'in the request path',
): CompoundEntityRef {
  const canonical = {} as Record<(typeof PARTS)[number]['part'], string>;
  for (const { part, valid, rule } of PARTS) {
    const value: unknown = params[part];
    const lower =
      typeof value === 'string' && ASCII.test(value)
        ? value.toLocaleLowerCase('en-US')
        : undefined;
    if (lower === undefined || !valid(lower)) {
      throw new InputError(`The entity ${part} ${where} is not ${rule}`);
    }
    canonical[part] = lower;
  }
  return canonical;
}
