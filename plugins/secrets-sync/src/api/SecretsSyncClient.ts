import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  type EntityTopology,
  type Environment,
  type ForceSyncResponse,
  type SetSyncEnabledResponse,
  type TypedResponse,
  type WriteValuesRequest,
  type WriteValuesResponse,
} from '@internal/plugin-secrets-sync-common';
import type { RestrictedConfirmation, SecretsSyncApi } from './SecretsSyncApi';

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
