import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntityTopology,
  Environment,
  ForceSyncResponse,
  SetSyncEnabledResponse,
  WriteValuesRequest,
  WriteValuesResponse,
} from '@internal/plugin-secrets-sync-common';

/**
 * A mutation in a restricted environment is refused unless the user
 * confirmed it explicitly.
 *
 * @public
 */
export interface RestrictedConfirmation {
  /** True once the user has confirmed acting on a restricted environment. */
  confirmRestricted?: boolean;
}

/**
 * What the secrets-sync frontend asks of its backend.
 *
 * @public
 */
export interface SecretsSyncApi {
  /** The environments configured by the platform team. */
  listEnvironments(): Promise<Environment[]>;
  /** Topology and status of one entity in each of its environments. */
  getEntityTopology(entityRef: CompoundEntityRef): Promise<EntityTopology>;
  /** Write-only: set and unset keys in one or more environments. */
  writeValues(
    entityRef: CompoundEntityRef,
    request: WriteValuesRequest,
  ): Promise<WriteValuesResponse>;
  /** Ask an environment's sync engine to re-read AWS Secrets Manager now. */
  forceSync(
    entityRef: CompoundEntityRef,
    environment: string,
    options?: RestrictedConfirmation,
  ): Promise<ForceSyncResponse>;
  /** Enable or disable sync (the namespace opt-in) for one environment. */
  setSyncEnabled(
    entityRef: CompoundEntityRef,
    environment: string,
    enabled: boolean,
    options?: RestrictedConfirmation,
  ): Promise<SetSyncEnabledResponse>;
}

/**
 * Reference to the {@link SecretsSyncApi}.
 *
 * @public
 */
export const secretsSyncApiRef = createApiRef<SecretsSyncApi>({
  id: 'plugin.secrets-sync.service',
});
