import type { SecretChange } from '../../lib/domain/secretDocument';

/** Where a secret lives: account, region, optional emulator endpoint, name. */
export interface AwsSecretRef {
  accountId: string;
  region: string;
  endpoint?: string;
  name: string;
}

/**
 * What the backend knows about one AWS Secrets Manager secret. Values are
 * not kept: `valueDigests` holds a keyed digest of each, enough to compare
 * with the cluster.
 */
export interface AwsSecretSnapshot {
  exists: boolean;
  arn?: string;
  /** Carries the managed-by tag; untagged secrets are never written. */
  managed: boolean;
  /** The entity named by the entity tag, if any. */
  entityRef?: string;
  versionId?: string;
  lastChangedAt?: Date;
  deletionScheduledAt?: Date;
  /** A digest per key of the current document, when it is a JSON object of strings. */
  valueDigests?: Record<string, string>;
  /**
   * Set when the current document is not one the contract's format accepts
   * (`-common`'s `parseSecretDocument`): the operator refuses it too.
   */
  invalidDocument?: boolean;
  /** Why, when `invalidDocument`: counts keys, never names one or a value. */
  documentProblem?: string;
}

/**
 * Secrets to read ahead, all named with one prefix (the part of a key
 * template before `{tenant}`), which `ListSecrets` filters by.
 */
export interface AwsPrefetch {
  namePrefix: string;
  refs: AwsSecretRef[];
  /**
   * Whether the current version's values are to be read ahead, asked once
   * the listing named it; absent, every version is. A caller that can tell
   * a Secret's state from its version alone (a version stamp) says no.
   */
  readValues?(ref: AwsSecretRef, versionId: string): Promise<boolean>;
  /**
   * Told what the listing found for each ref it listed (a missing secret
   * too), once the prefetch is done: the caller's own copy for the reads
   * that follow at once, which then need not ask a cache, shared or not,
   * for thousands of entries one by one. Refs whose metadata was still
   * fresh, or whose listing failed, are not told.
   */
  listed?(ref: AwsSecretRef, snapshot: AwsSecretSnapshot): void;
}

/** The result of a write. */
export interface AwsWriteResult {
  outcome: 'written' | 'unchanged';
  created: boolean;
  versionId?: string;
  /** Key names the secret holds after the write. */
  keys: string[];
  /** How many compare-and-swap rounds the write took. */
  attempts: number;
}

/**
 * Reads and writes the secrets of every configured AWS account.
 *
 * @remarks
 * Writes are safe with any number of concurrent writers, also across backend
 * replicas: each write is a compare-and-swap of the `AWSCURRENT` label.
 */
export interface AwsSecretsService {
  /**
   * The secret's metadata and value digests. Metadata is cached for the
   * configured TTL and digests by version id, so a repeated read within the
   * TTL sends nothing; this backend's own writes invalidate the metadata.
   */
  read(ref: AwsSecretRef): Promise<AwsSecretSnapshot>;
  /**
   * The secret's metadata alone, cached as `read`'s is: no value is read
   * and `valueDigests` is never set.
   */
  readMetadata(ref: AwsSecretRef): Promise<AwsSecretSnapshot>;
  /**
   * Reads many secrets ahead of `read`, with account-wide calls: one
   * `ListSecrets` by name prefix (paginated) per account, region, endpoint
   * and prefix, and `BatchGetSecretValue` (20 secrets a call) for the
   * versions whose digests are not cached. A failure is kept for each
   * secret it concerns, so the reads that follow fail without a call.
   */
  prefetch(requests: AwsPrefetch[]): Promise<void>;
  write(options: {
    ref: AwsSecretRef;
    change: SecretChange;
    /** The entity writing; named in the tags of a secret it creates. */
    entityRef: string;
    /**
     * Write a new version even when the document would not change, so the
     * outcome says nothing about the values already there (restricted
     * environments).
     */
    alwaysNewVersion?: boolean;
  }): Promise<AwsWriteResult>;
  /**
   * Forgets the secret's cached metadata, after a change made outside
   * `write` (a rollback moving `AWSCURRENT`), so the next read sees it.
   */
  invalidate(ref: AwsSecretRef): Promise<void>;
}
