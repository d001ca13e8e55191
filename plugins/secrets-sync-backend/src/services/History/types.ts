import type { SyncTarget } from '../SyncEngine';

/** What a record is of: a write of values, or a rollback to an earlier version. */
export type HistoryAction = 'write' | 'rollback';

/** One write or rollback made through the portal, as the store keeps it. */
export interface WriteRecord {
  entityRef: string;
  environment: string;
  accountId: string;
  secretName: string;
  action: HistoryAction;
  /** The user's entity ref. */
  actor: string;
  outcome: 'written' | 'unchanged' | 'failed';
  /** The AWS version the write or rollback made current. */
  versionId?: string;
  /** Rollback: the version `AWSCURRENT` was moved from. */
  fromVersionId?: string;
  /** Key names the request set; never a value. */
  keysSet: string[];
  /** Key names the request unset. */
  keysUnset: string[];
  mode?: 'merge' | 'replace';
  recordedAt: Date;
}

/** The keyed digests of one AWS version's values. */
export interface VersionDigests {
  versionId: string;
  /** Key name to HMAC digest: equal values, equal digests; no value recoverable. */
  digests: Record<string, string>;
}

/**
 * The plugin's tables: records of writes and rollbacks, and the digests of
 * each AWS version seen, through Backstage's database service.
 */
export interface HistoryStore {
  addWrite(record: WriteRecord): Promise<void>;
  /** The records of one entity in one environment, newest first, at most `limit`. */
  listWrites(options: {
    entityRef: string;
    environment: string;
    limit: number;
  }): Promise<WriteRecord[]>;
  /** Digests made with `keyId`; a version without any is left out. */
  getDigests(options: {
    accountId: string;
    secretName: string;
    versionIds: string[];
    keyId: string;
  }): Promise<VersionDigests[]>;
  /** Keeps the first digests stored for a version: a version's values never change. */
  putDigests(options: {
    accountId: string;
    secretName: string;
    keyId: string;
    versions: VersionDigests[];
  }): Promise<void>;
  /** Deletes records and digests older than `before`; how many rows went. */
  deleteOlderThan(before: Date): Promise<number>;
}

/**
 * Records what a write did, after it was done or failed. A failure to
 * record never fails the write it describes.
 */
export interface WriteRecorder {
  recordWrite(options: {
    target: SyncTarget;
    actor: string;
    keysSet: string[];
    keysUnset: string[];
    mode: 'merge' | 'replace';
    outcome: WriteRecord['outcome'];
    versionId?: string;
  }): Promise<void>;
}
