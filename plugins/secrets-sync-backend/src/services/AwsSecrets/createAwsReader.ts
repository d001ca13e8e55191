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
import type { SharedCache } from './createSharedCache';
import { partitionListing } from './listingPartitions';
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
/** Versions are immutable: a shared digest entry only expires to free the store. */
const SHARED_DIGEST_TTL_MS = 7 * 24 * 3600_000;

/** A snapshot as the shared cache gives it back: its dates as strings. */
function revived(snapshot: AwsSecretSnapshot): AwsSecretSnapshot {
  const date = (value: Date | string | undefined) =>
    value === undefined ? undefined : new Date(value);
  return {
    ...snapshot,
    ...(snapshot.lastChangedAt
      ? { lastChangedAt: date(snapshot.lastChangedAt) }
      : {}),
    ...(snapshot.deletionScheduledAt
      ? { deletionScheduledAt: date(snapshot.deletionScheduledAt) }
      : {}),
  };
}

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
 *
 * With a `shared` cache, replicas share both: metadata lives only there
 * while it answers (so one replica's write, which deletes the entry, is
 * seen by every other at once), digests in both, and only when they are
 * keyed with the deployment's secret (`sharedDigests`), since a digest
 * keyed per process means nothing to another. While the shared cache
 * fails, each replica keeps to its own memory.
 */
export function createAwsReader(options: {
  call: AwsCall;
  metadataTtlMs: number;
  /** How long prefetched metadata stays valid, at least. */
  prefetchTtlMs?: number;
  now?: () => number;
  shared?: SharedCache;
  /** Whether digests are keyed with the deployment's secret, so replicas can share them. */
  sharedDigests?: boolean;
}) {
  const { call, metadataTtlMs, now = Date.now, shared } = options;
  const metaKey = (ref: AwsSecretRef) => `aws-metadata|${refKey(ref)}`;
  const digestKey = (ref: AwsSecretRef, versionId: string) =>
    `aws-digests|${refKey(ref)}|${versionId}`;
  const readBeforeKey = (ref: AwsSecretRef) => `aws-read-before|${refKey(ref)}`;
  const sharesDigests = shared !== undefined && options.sharedDigests;
  const prefetchTtlMs = Math.max(
    metadataTtlMs,
    options.prefetchTtlMs ?? 10_000,
  );
  const metadata = new Map<string, MetadataEntry>();
  const digests = new Map<string, Digests>();
  /** Secrets with a version read before: the next view waits for DescribeSecret first. */
  const readBefore = new Set<string>();

  function keepDigests(ref: AwsSecretRef, versionId: string, value: Digests) {
    if (digests.size >= MAX_DIGEST_ENTRIES) {
      digests.delete(digests.keys().next().value!);
    }
    digests.set(`${refKey(ref)}|${versionId}`, value);
    if (readBefore.size >= MAX_DIGEST_ENTRIES) {
      readBefore.clear();
    }
    readBefore.add(refKey(ref));
    if (sharesDigests) {
      void shared!.set(digestKey(ref, versionId), value, SHARED_DIGEST_TTL_MS);
      void shared!.set(readBeforeKey(ref), true, SHARED_DIGEST_TTL_MS);
    }
  }

  /**
   * The document of a version: its string, or its binary read as UTF-8,
   * which is how ESO's PushSecret writes the JSON document it pushes.
   */
  function toDigests(output: {
    SecretString?: string;
    SecretBinary?: Uint8Array;
  }): Digests {
    const parsed = parseSecretDocument(
      output.SecretString ??
        (output.SecretBinary
          ? Buffer.from(output.SecretBinary).toString('utf8')
          : undefined),
    );
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

  async function sharedMetadata(
    ref: AwsSecretRef,
    beforeDescribe?: () => void,
  ): Promise<AwsSecretSnapshot | undefined> {
    if (!shared?.available() || metadataTtlMs <= 0) {
      return undefined;
    }
    const entry = await shared.get<AwsSecretSnapshot>(metaKey(ref));
    if (entry) {
      return revived(entry);
    }
    if (!shared.available()) {
      return undefined;
    }
    beforeDescribe?.();
    const snapshot = await describe(ref);
    await shared.set(metaKey(ref), snapshot, metadataTtlMs);
    return snapshot;
  }

  /**
   * The metadata, from a cache while it is fresh; `beforeDescribe` runs
   * when AWS is to be asked, just before.
   */
  async function cachedMetadata(
    ref: AwsSecretRef,
    beforeDescribe?: () => void,
  ) {
    const fromShared = await sharedMetadata(ref, beforeDescribe);
    if (fromShared) {
      return fromShared;
    }
    const entry = metadata.get(refKey(ref));
    if (entry && entry.expiresAt > now()) {
      if (entry.error) {
        throw entry.error;
      }
      return entry.snapshot!;
    }
    beforeDescribe?.();
    const snapshot = await describe(ref);
    if (metadataTtlMs > 0) {
      metadata.set(refKey(ref), { snapshot, expiresAt: now() + metadataTtlMs });
    }
    return snapshot;
  }

  /**
   * Reads the current version's value beside DescribeSecret, for a secret
   * never read before: its value is read anyway, and this way a first view
   * waits for one round trip, not two. A secret that is missing or
   * scheduled for deletion refuses the read; DescribeSecret says so.
   */
  async function readCurrentVersion(ref: AwsSecretRef): Promise<void> {
    const output = await call(ref, 'GetSecretValue', (client, sendOptions) =>
      client.send(
        new GetSecretValueCommand({ SecretId: ref.name }),
        sendOptions,
      ),
    );
    if (output.VersionId) {
      keepDigests(ref, output.VersionId, toDigests(output));
    }
  }

  async function versionDigests(ref: AwsSecretRef, versionId: string) {
    const cached = digests.get(`${refKey(ref)}|${versionId}`);
    if (cached) {
      return cached;
    }
    const fromShared = sharesDigests
      ? await shared!.get<Digests>(digestKey(ref, versionId))
      : undefined;
    if (fromShared) {
      digests.set(`${refKey(ref)}|${versionId}`, fromShared);
      return fromShared;
    }
    const output = await call(ref, 'GetSecretValue', (client, sendOptions) =>
      client.send(
        new GetSecretValueCommand({ SecretId: ref.name, VersionId: versionId }),
        sendOptions,
      ),
    );
    const value = toDigests(output);
    keepDigests(ref, versionId, value);
    return value;
  }

  /** Takes what the shared cache holds of these versions; the rest are still to read. */
  async function fromSharedDigests(
    refs: AwsSecretRef[],
    found: Map<string, AwsSecretSnapshot>,
  ): Promise<AwsSecretRef[]> {
    if (!sharesDigests || !shared!.available()) {
      return refs;
    }
    const held = await inPool(refs, 50, async ref => {
      const versionId = found.get(ref.name)!.versionId!;
      const value = await shared!.get<Digests>(digestKey(ref, versionId));
      if (value) {
        digests.set(`${refKey(ref)}|${versionId}`, value);
      }
      return value !== undefined;
    });
    return refs.filter((_, i) => !held[i]);
  }

  async function prefetchGroup(
    refs: AwsSecretRef[],
    prefix: string,
    readValues?: AwsPrefetch['readValues'],
    listed: ReadonlySet<NonNullable<AwsPrefetch['listed']>> = new Set(),
  ) {
    const [first] = refs;
    const byName = new Map(refs.map(ref => [ref.name, ref]));
    const found = new Map<string, AwsSecretSnapshot>();
    const list = (values: string[]) =>
      call(
        { ...first, name: `${values.join('*, ')}*` },
        'ListSecrets',
        async (client, sendOptions) => {
          for await (const page of paginateListSecrets(
            { client, pageSize: 100 },
            {
              IncludePlannedDeletion: true,
              ...(values.some(Boolean)
                ? { Filters: [{ Key: 'name', Values: values }] }
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
    try {
      // many names are listed by several prefixes at once (listingPartitions.ts)
      await Promise.all(partitionListing([...byName.keys()], prefix).map(list));
    } catch (error) {
      const expiresAt = now() + prefetchTtlMs;
      refs.forEach(ref => metadata.set(refKey(ref), { error, expiresAt }));
      return;
    }
    const uncached = refs.filter(ref => {
      const snapshot = found.get(ref.name);
      return (
        snapshot?.versionId &&
        !snapshot.deletionScheduledAt &&
        !digests.has(`${refKey(ref)}|${snapshot.versionId}`)
      );
    });
    const wanted = readValues
      ? await inPool(uncached, 50, ref =>
          readValues(ref, found.get(ref.name)!.versionId!).catch(() => true),
        )
      : undefined;
    const unread = wanted ? uncached.filter((_, i) => wanted[i]) : uncached;
    // a version another replica read is not read again
    const missing = await fromSharedDigests(unread, found);
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
              keepDigests(ref, value.VersionId, toDigests(value));
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
      const snapshot = found.get(ref.name) ?? { exists: false, managed: false };
      metadata.set(refKey(ref), { snapshot, expiresAt });
      if (shared?.available() && metadataTtlMs > 0) {
        void shared.set(metaKey(ref), snapshot, metadataTtlMs);
      }
      listed.forEach(tell => tell(ref, snapshot));
    }
  }

  return {
    async read(ref: AwsSecretRef): Promise<AwsSecretSnapshot> {
      let readingCurrent: Promise<void> | undefined;
      const snapshot = await cachedMetadata(ref, () => {
        readingCurrent = (async () => {
          // a version read before, here or by another replica, may still be
          // current: its digests are then held, and no value is read
          if (
            readBefore.has(refKey(ref)) ||
            (sharesDigests &&
              shared!.available() &&
              (await shared!.get<boolean>(readBeforeKey(ref))))
          ) {
            return;
          }
          await readCurrentVersion(ref);
        })().catch(() => undefined);
      });
      // the version DescribeSecret names is then held, unless a write came between
      await readingCurrent;
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

    /** The metadata alone, cached as `read`'s: no value is read. */
    readMetadata: cachedMetadata,

    /** The metadata as AWS has it now, never cached: for a write's checks. */
    describe,

    async prefetch(requests: AwsPrefetch[]) {
      const groups = new Map<
        string,
        AwsPrefetch & { listeners: Set<NonNullable<AwsPrefetch['listed']>> }
      >();
      const fresh = (ref: AwsSecretRef) =>
        (metadata.get(refKey(ref))?.expiresAt ?? 0) > now();
      for (const { refs, namePrefix, readValues, listed } of requests) {
        // Pages of one summary, asked for in turn, list each account once.
        for (const ref of refs.filter(r => !fresh(r))) {
          const key = `${accountKey(ref)}|${namePrefix}`;
          const group = groups.get(key) ?? {
            refs: [],
            namePrefix,
            readValues,
            listeners: new Set(),
          };
          group.refs.push(ref);
          if (listed) {
            group.listeners.add(listed);
          }
          groups.set(key, group);
        }
      }
      await Promise.all(
        [...groups.values()].map(group =>
          prefetchGroup(
            group.refs,
            group.namePrefix,
            group.readValues,
            group.listeners,
          ),
        ),
      );
    },

    /** Forgets a secret's metadata, after this backend wrote it, in every replica. */
    async invalidate(ref: AwsSecretRef) {
      metadata.delete(refKey(ref));
      await shared?.delete(metaKey(ref));
    },
  };
}
