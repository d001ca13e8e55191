import type { SecretChange } from '../../lib/secretDocument';

/** Where a secret lives: account, region, optional emulator endpoint, name. */
export interface AwsSecretRef {
  accountId: string;
  region: string;
  endpoint?: string;
  name: string;
}

/**
 * What the backend knows about one AWS Secrets Manager secret. `values`
 * never leaves the backend: it is only compared with the cluster.
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
  /** The current document, when it is a JSON object of strings. */
  values?: Record<string, string>;
  /** Set when the current document is not a JSON object of strings. */
  invalidDocument?: boolean;
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
  read(ref: AwsSecretRef): Promise<AwsSecretSnapshot>;
  write(options: {
    ref: AwsSecretRef;
    change: SecretChange;
    /** The entity writing; named in the tags of a secret it creates. */
    entityRef: string;
  }): Promise<AwsWriteResult>;
}
