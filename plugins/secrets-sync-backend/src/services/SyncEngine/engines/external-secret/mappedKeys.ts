import type { KeyStatus } from '@internal/plugin-secrets-sync-common';
import type { ExternalSecret } from '../../../Kubernetes';
import { compareKeys } from '../../statusHelpers';
import { PulledSecret, readsOf } from './externalSecretFacts';

/**
 * The Secret's keys against AWS as the ExternalSecret maps them, by digest:
 * a `dataFrom[].extract` fills a key of the same name from each key of the
 * document; a `data` entry with a `property` fills its `secretKey` from that
 * key. Undefined when the mapping cannot be compared by digest (a template
 * rewrites values, a `data` entry takes the whole document, or nothing of
 * the ExternalSecret reads this secret), so the status then rests on ESO's
 * refresh time alone.
 */
export function mappedKeys(
  externalSecret: ExternalSecret,
  pulled: PulledSecret,
  aws: Record<string, string> | undefined,
  secret: Record<string, string> | undefined,
): KeyStatus[] | undefined {
  const target = externalSecret.spec?.target as
    | { template?: unknown }
    | undefined;
  const reads = readsOf(externalSecret, pulled);
  if (
    target?.template !== undefined ||
    reads.length === 0 ||
    reads.some(read => read.secretKey !== undefined && !read.ref.property)
  ) {
    return undefined;
  }
  const extracts = reads.some(read => read.secretKey === undefined);
  const byProperty = reads
    .filter(read => read.secretKey !== undefined)
    .map(read => ({ name: read.secretKey!, from: read.ref.property! }));
  const mapped = new Set(byProperty.map(entry => entry.name));
  const fromExtract = extracts
    ? compareKeys(
        aws,
        secret &&
          Object.fromEntries(
            Object.entries(secret).filter(([name]) => !mapped.has(name)),
          ),
      )
    : [];
  const fromProperties = byProperty.map(({ name, from }) => {
    const inAws = aws !== undefined && Object.hasOwn(aws, from);
    const inSecret = secret !== undefined && Object.hasOwn(secret, name);
    return {
      name,
      inAws,
      inSecret,
      inSync: inAws && inSecret && aws[from] === secret[name],
    };
  });
  return [...fromExtract, ...fromProperties].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}
