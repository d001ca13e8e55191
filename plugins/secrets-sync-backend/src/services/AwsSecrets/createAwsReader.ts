import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import {
  describeSecretDocumentRefusal,
  parseSecretDocument,
} from '@internal/plugin-secrets-sync-common';
import { UpstreamError } from '../../lib/infra/upstreamErrors';
import { inPool } from '../../lib/infra/inPool';
import { digestValues } from '../../lib/infra/valueDigest';
import { metadataOf } from './secretMetadata';
import type { AwsPrefetch, AwsSecretRef, AwsSecretSnapshot } from './types';

/** What `run` hands to `client.send`, so the call stops at its deadline. */
export type AwsSendOptions = { abortSignal: AbortSignal };

/**
 * Runs one SDK call for a secret within a deadline, wrapping failures in an
 * `UpstreamError`.
 */
export type AwsCall = <T>(
  ref: AwsSecretRef,
  action: string,
  run: (
    client: SecretsManagerClient,
    sendOptions: AwsSendOptions,
  ) => Promise<T>,
  deadlineMs?: number,
) => Promise<T>;

/**
 * What one version's document comes to: a digest per key, or why the
 * document is refused, counted and never naming a key (a key typed in the
 * AWS console may be a value, and this is cached).
 */
type Digests = { digests: Record<string, string> } | { problem: string };
type MetadataEntry = {
  expiresAt: number;
  snapshot?: AwsSecretSnapshot;
  error?: unknown;
};

/** `BatchGetSecretValue` takes at most 20 secret ids. */
const BATCH_SIZE = 20;
/**
 * A listing pages through every secret of a prefix, 100 at a time: its
 * deadline covers all pages (a few hundred for a large account).
 */
const LIST_DEADLINE_MS = 120_000;
/** Batches of one prefetch in flight at once. */
const BATCH_CONCURRENCY = 4;
/** Versions are immutable; this only bounds memory. */
const MAX_DIGEST_ENTRIES = 20_000;

function refKey(ref: AwsSecretRef) {
  return `${ref.accountId}|${ref.region}|${ref.endpoint ?? ''}|${ref.name}`;
}

function accountKey(ref: AwsSecretRef) {
  return `${ref.accountId}|${ref.region}|${ref.endpoint ?? ''}`;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );
}

/**
 * The read side of the AWS service, cached: metadata for `metadataTtlMs`
 * (0 turns it off) and each version's value digests for as long as the
 * process lives, since a version's value never changes.
 */
export function createAwsReader(options: {
  call: AwsCall;
  metadataTtlMs: number;
  /** How long prefetched metadata stays valid, at least. */
  prefetchTtlMs?: number;
  now?: () => number;
}) {
  const { call, metadataTtlMs, now = Date.now } = options;
  const prefetchTtlMs = Math.max(
    metadataTtlMs,
    options.prefetchTtlMs ?? 10_000,
  );
  const metadata = new Map<string, MetadataEntry>();
  const digests = new Map<string, Digests>();

  function keepDigests(ref: AwsSecretRef, versionId: string, value: Digests) {
    if (digests.size >= MAX_DIGEST_ENTRIES) {
      digests.delete(digests.keys().next().value!);
    }
    digests.set(`${refKey(ref)}|${versionId}`, value);
  }

  function toDigests(secretString: string | undefined): Digests {
    const parsed = parseSecretDocument(secretString);
    return parsed.ok
      ? { digests: digestValues(parsed.values) }
      : { problem: describeSecretDocumentRefusal(parsed.refusal) };
  }

  async function describe(ref: AwsSecretRef): Promise<AwsSecretSnapshot> {
    try {
      const output = await call(ref, 'DescribeSecret', (client, sendOptions) =>
        client.send(
          new DescribeSecretCommand({ SecretId: ref.name }),
          sendOptions,
        ),
      );
      return metadataOf(output);
    } catch (error) {
      if ((error as UpstreamError).reason === 'not-found') {
        return { exists: false, managed: false };
      }
      throw error;
    }
  }

  async function cachedMetadata(ref: AwsSecretRef) {
    const entry = metadata.get(refKey(ref));
    if (entry && entry.expiresAt > now()) {
      if (entry.error) {
        throw entry.error;
      }
      return entry.snapshot!;
    }
    const snapshot = await describe(ref);
    if (metadataTtlMs > 0) {
      metadata.set(refKey(ref), { snapshot, expiresAt: now() + metadataTtlMs });
    }
    return snapshot;
  }

  async function versionDigests(ref: AwsSecretRef, versionId: string) {
    const cached = digests.get(`${refKey(ref)}|${versionId}`);
    if (cached) {
      return cached;
    }
    const output = await call(ref, 'GetSecretValue', (client, sendOptions) =>
      client.send(
        new GetSecretValueCommand({ SecretId: ref.name, VersionId: versionId }),
        sendOptions,
      ),
    );
    const value = toDigests(output.SecretString);
    keepDigests(ref, versionId, value);
    return value;
  }

  async function prefetchGroup(refs: AwsSecretRef[], prefix: string) {
    const [first] = refs;
    const byName = new Map(refs.map(ref => [ref.name, ref]));
    const found = new Map<string, AwsSecretSnapshot>();
    try {
      await call(
        { ...first, name: `${prefix}*` },
        'ListSecrets',
        async (client, sendOptions) => {
          for await (const page of paginateListSecrets(
            { client, pageSize: 100 },
            {
              IncludePlannedDeletion: true,
              ...(prefix
                ? { Filters: [{ Key: 'name', Values: [prefix] }] }
                : {}),
            },
            sendOptions,
          )) {
            for (const entry of page.SecretList ?? []) {
              if (entry.Name && byName.has(entry.Name)) {
                found.set(entry.Name, metadataOf(entry));
              }
            }
          }
        },
        LIST_DEADLINE_MS,
      );
    } catch (error) {
      const expiresAt = now() + prefetchTtlMs;
      refs.forEach(ref => metadata.set(refKey(ref), { error, expiresAt }));
      return;
    }
    const missing = refs.filter(ref => {
      const snapshot = found.get(ref.name);
      return (
        snapshot?.versionId &&
        !snapshot.deletionScheduledAt &&
        !digests.has(`${refKey(ref)}|${snapshot.versionId}`)
      );
    });
    await inPool(
      chunks(missing, BATCH_SIZE),
      BATCH_CONCURRENCY,
      async batch => {
        try {
          const output = await call(
            { ...first, name: `${batch.length} secrets` },
            'BatchGetSecretValue',
            (client, sendOptions) =>
              client.send(
                new BatchGetSecretValueCommand({
                  SecretIdList: batch.map(ref => ref.name),
                }),
                sendOptions,
              ),
          );
          for (const value of output.SecretValues ?? []) {
            const ref = value.Name ? byName.get(value.Name) : undefined;
            if (ref && value.VersionId) {
              keepDigests(ref, value.VersionId, toDigests(value.SecretString));
            }
          }
        } catch {
          // the digests are then read one by one, as a view without a prefetch would
        }
      },
    );
    // The TTL starts once the whole prefetch is done: a listing and its
    // batches can take longer than the TTL in a large account, and the
    // summary that asked for them reads them only afterwards.
    const expiresAt = now() + prefetchTtlMs;
    for (const ref of refs) {
      metadata.set(refKey(ref), {
        snapshot: found.get(ref.name) ?? { exists: false, managed: false },
        expiresAt,
      });
    }
  }

  return {
    async read(ref: AwsSecretRef): Promise<AwsSecretSnapshot> {
      const snapshot = await cachedMetadata(ref);
      if (
        !snapshot.exists ||
        !snapshot.versionId ||
        snapshot.deletionScheduledAt
      ) {
        return snapshot;
      }
      const value = await versionDigests(ref, snapshot.versionId);
      return 'problem' in value
        ? { ...snapshot, invalidDocument: true, documentProblem: value.problem }
        : { ...snapshot, valueDigests: value.digests };
    },

    /** The metadata as AWS has it now, never cached: for a write's checks. */
    describe,

    async prefetch(requests: AwsPrefetch[]) {
      const groups = new Map<string, AwsPrefetch>();
      const fresh = (ref: AwsSecretRef) =>
        (metadata.get(refKey(ref))?.expiresAt ?? 0) > now();
      for (const { refs, namePrefix } of requests) {
        // Pages of one summary, asked for in turn, list each account once.
        for (const ref of refs.filter(r => !fresh(r))) {
          const key = `${accountKey(ref)}|${namePrefix}`;
          const group = groups.get(key) ?? { refs: [], namePrefix };
          group.refs.push(ref);
          groups.set(key, group);
        }
      }
      await Promise.all(
        [...groups.values()].map(group =>
          prefetchGroup(group.refs, group.namePrefix),
        ),
      );
    },

    /** Forgets a secret's metadata, after this backend wrote it. */
    invalidate(ref: AwsSecretRef) {
      metadata.delete(refKey(ref));
    },
  };
}
