import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  EntityTopology,
  Environment,
  ForceSyncResponse,
  SetSyncEnabledResponse,
  WriteResult,
} from '@internal/plugin-secrets-sync-common';
import type { EnvironmentConfig } from '../../config';
import type { SecretChange } from '../../lib/domain/secretDocument';
import type { ResolvedEntity } from '../EntityMapping';
import type { SyncTarget } from '../SyncEngine';

/**
 * What the routes do, independent of HTTP: resolve entities and
 * environments, read topology, and carry out mutations through each
 * environment's sync engine. Authorization and auditing are the router's.
 */
export interface SecretsSyncService {
  listEnvironments(): Environment[];
  /** The AWS account of a configured environment, for audit events. */
  accountOf(environment: string): string | undefined;
  /** The configured environments of these names; InputError naming any unknown one. */
  getEnvironments(names: string[]): EnvironmentConfig[];
  /** The entity as the user sees it; NotFoundError when it is not visible. */
  resolveEntity(options: {
    entityRef: string;
    credentials: BackstageCredentials;
  }): Promise<ResolvedEntity>;
  /**
   * The targets a mutation acts on. InputError when the entity has not opted
   * in or does not run in an environment; ConflictError when its tenant key
   * is not allowed.
   */
  targetsFor(
    entity: ResolvedEntity,
    environments: EnvironmentConfig[],
  ): SyncTarget[];
  /**
   * Checks every target against the platform's binding before anything is
   * changed anywhere: TenantNotBoundError (403) when a binding does not name
   * the target's entity.
   */
  assertBound(targets: SyncTarget[]): Promise<void>;
  /** Every environment of the entity, read in parallel, each with its own outcome. */
  getTopology(entity: ResolvedEntity): Promise<EntityTopology>;
  /**
   * Writes one environment; throws when the write failed. In a restricted
   * environment every write makes a new version, so the outcome never tells
   * whether a value was already there.
   */
  writeValues(
    target: SyncTarget,
    change: SecretChange,
    /** Who writes, for the history's record of the write. */
    writer?: { actor: string },
  ): Promise<WriteResult>;
  /** ConflictError when the AWS secret's entity tag names another entity. */
  forceSync(target: SyncTarget): Promise<ForceSyncResponse>;
  /** Enabling checks the AWS entity tag as a force sync does. */
  setEnabled(
    target: SyncTarget,
    enabled: boolean,
  ): Promise<SetSyncEnabledResponse>;
}
