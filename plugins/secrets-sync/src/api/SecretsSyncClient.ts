import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  type EntityTopology,
  type Environment,
  type FleetStatus,
  type ForceSyncResponse,
  type RollbackResponse,
  type SetSyncEnabledResponse,
  type TypedResponse,
  type VersionHistory,
  type WorkloadRef,
  type WorkloadRollouts,
  type WriteValuesRequest,
  type WriteValuesResponse,
} from '@internal/plugin-secrets-sync-common';
import type {
  FleetQuery,
  RestrictedConfirmation,
  SecretsSyncApi,
} from './SecretsSyncApi';

/**
 * {@link SecretsSyncApi} over the generated OpenAPI client, authenticated
 * through the app's `fetchApi`.
 *
 * @public
 */
export class SecretsSyncClient implements SecretsSyncApi {
  private readonly client: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new DefaultApiClient(options);
  }

  /** {@inheritDoc SecretsSyncApi.listEnvironments} */
  async listEnvironments(): Promise<Environment[]> {
    const body = await ok(this.client.listEnvironments({}));
    return body.items;
  }

  /** {@inheritDoc SecretsSyncApi.getFleetStatus} */
  async getFleetStatus(query: FleetQuery = {}): Promise<FleetStatus> {
    // empty filters are left out: the backend refuses an empty value
    const defined = Object.fromEntries(
      Object.entries(query).filter(
        ([, value]) => value !== undefined && value !== '',
      ),
    ) as FleetQuery;
    return ok(this.client.getFleetStatus({ query: defined }));
  }

  /** {@inheritDoc SecretsSyncApi.getEntityTopology} */
  async getEntityTopology(
    entityRef: CompoundEntityRef,
  ): Promise<EntityTopology> {
    return ok(this.client.getEntityTopology({ path: pathOf(entityRef) }));
  }

  /** {@inheritDoc SecretsSyncApi.writeValues} */
  async writeValues(
    entityRef: CompoundEntityRef,
    request: WriteValuesRequest,
  ): Promise<WriteValuesResponse> {
    return ok(
      this.client.writeValues({ path: pathOf(entityRef), body: request }),
    );
  }

  /** {@inheritDoc SecretsSyncApi.forceSync} */
  async forceSync(
    entityRef: CompoundEntityRef,
    environment: string,
    options: RestrictedConfirmation = {},
  ): Promise<ForceSyncResponse> {
    return ok(
      this.client.forceSync({
        path: { ...pathOf(entityRef), environment },
        body: confirmation(options),
      }),
    );
  }

  /** {@inheritDoc SecretsSyncApi.restartWorkloads} */
  async restartWorkloads(
    entityRef: CompoundEntityRef,
    environment: string,
    workloads: WorkloadRef[],
    options: RestrictedConfirmation = {},
  ): Promise<WorkloadRollouts> {
    return ok(
      this.client.restartWorkloads({
        path: { ...pathOf(entityRef), environment },
        body: { workloads, ...confirmation(options) },
      }),
    );
  }

  /** {@inheritDoc SecretsSyncApi.getWorkloadRollouts} */
  async getWorkloadRollouts(
    entityRef: CompoundEntityRef,
    environment: string,
  ): Promise<WorkloadRollouts> {
    return ok(
      this.client.getWorkloadRollouts({
        path: { ...pathOf(entityRef), environment },
      }),
    );
  }

  /** {@inheritDoc SecretsSyncApi.getVersionHistory} */
  async getVersionHistory(
    entityRef: CompoundEntityRef,
    environment: string,
  ): Promise<VersionHistory> {
    return ok(
      this.client.getVersionHistory({
        path: { ...pathOf(entityRef), environment },
      }),
    );
  }

  /** {@inheritDoc SecretsSyncApi.rollbackVersion} */
  async rollbackVersion(
    entityRef: CompoundEntityRef,
    environment: string,
    versionId: string,
    options: RestrictedConfirmation = {},
  ): Promise<RollbackResponse> {
    return ok(
      this.client.rollbackVersion({
        path: { ...pathOf(entityRef), environment },
        body: { versionId, ...confirmation(options) },
      }),
    );
  }

  /** {@inheritDoc SecretsSyncApi.setSyncEnabled} */
  async setSyncEnabled(
    entityRef: CompoundEntityRef,
    environment: string,
    enabled: boolean,
    options: RestrictedConfirmation = {},
  ): Promise<SetSyncEnabledResponse> {
    return ok(
      this.client.setSyncEnabled({
        path: { ...pathOf(entityRef), environment },
        body: { enabled, ...confirmation(options) },
      }),
    );
  }
}

function confirmation(options: RestrictedConfirmation) {
  return options.confirmRestricted ? { confirmRestricted: true } : {};
}

function pathOf(entityRef: CompoundEntityRef) {
  return {
    kind: entityRef.kind.toLocaleLowerCase('en-US'),
    namespace: entityRef.namespace,
    name: entityRef.name,
  };
}

async function ok<T>(pending: Promise<TypedResponse<T>>): Promise<T> {
  const response = await pending;
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as Response);
  }
  return response.json();
}
