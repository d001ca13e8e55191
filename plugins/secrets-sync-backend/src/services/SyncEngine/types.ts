import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import type { EnvironmentConfig } from '../../config';
import type { AwsSecretRef } from '../AwsSecrets';

/** One tenant in one environment: what every engine operation acts on. */
export interface SyncTarget {
  environment: EnvironmentConfig;
  tenantKey: string;
  entityRef: string;
}

/**
 * How values reach the cluster in one environment. The router and the
 * orchestration know engines only through this interface, so an engine
 * (such as ESO's `external-secret`) is added without touching them.
 */
export interface SyncEngine {
  /** The AWS Secrets Manager secret the tenant's values are written to. */
  awsSecretRef(target: SyncTarget): AwsSecretRef;
  /**
   * The environment's facts and derived status. Never throws for a failed
   * read: the failure becomes the `error` status with its reason.
   */
  readStatus(target: SyncTarget): Promise<EnvironmentTopology>;
  /** Called after values were written to AWS; may ask the cluster to re-read now. */
  afterWrite(
    target: SyncTarget,
  ): Promise<{ syncRequested: boolean; warning?: string }>;
  /** Asks the cluster side to re-read AWS now. */
  forceSync(
    target: SyncTarget,
  ): Promise<{ targets: string[]; warning?: string }>;
  /** Turns sync on or off for the tenant in this environment. */
  setEnabled(target: SyncTarget, enabled: boolean): Promise<void>;
}

/** Picks the engine an environment is configured with. */
export type SyncEngineResolver = (environment: EnvironmentConfig) => SyncEngine;
