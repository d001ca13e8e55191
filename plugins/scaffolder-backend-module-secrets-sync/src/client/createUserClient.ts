import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  DefaultApiClient,
  EntityTopology,
  SetSyncEnabledResponse,
  WriteValuesRequest,
  WriteValuesResponse,
} from '@internal/plugin-secrets-sync-common';
import { CompoundEntityRef } from '@backstage/catalog-model';

/**
 * The secrets-sync routes the action calls, as the person who runs the
 * task: the backend's write route is the one place that checks permissions,
 * the restricted rule, the tenant binding and the rate limits, validates the
 * values and audits the outcome, so the action does none of it itself.
 */
export interface SecretsSyncUserClient {
  getTopology(entity: CompoundEntityRef): Promise<EntityTopology>;
  writeValues(
    entity: CompoundEntityRef,
    body: WriteValuesRequest,
  ): Promise<WriteValuesResponse>;
  setSyncEnabled(
    entity: CompoundEntityRef,
    environment: string,
    body: { enabled: boolean; confirmRestricted?: boolean },
  ): Promise<SetSyncEnabledResponse>;
}

/** The message of a secrets-sync error answer; never a value (the backend never echoes one). */
async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body?.error?.message === 'string') {
      return body.error.message;
    }
  } catch {
    // Not JSON: a proxy or the backend's own 404 page; the status says enough.
  }
  return `${response.status} ${response.statusText}`.trim();
}

/** The error class a scaffolder step and the task log show for an answer. */
async function toError(response: Response, what: string): Promise<Error> {
  const message = `${what}: ${await messageOf(response)}`;
  switch (response.status) {
    case 400:
      return new InputError(message);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 429:
    case 503:
      return new ServiceUnavailableError(message);
    default:
      return new Error(message);
  }
}

/**
 * Creates a {@link SecretsSyncUserClient} that calls the secrets-sync
 * backend on behalf of `credentials` (the task's initiator), never with the
 * scaffolder's own service identity.
 */
export function createUserClient(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  credentials: BackstageCredentials;
}): SecretsSyncUserClient {
  const { auth, discovery, credentials } = options;
  const api = new DefaultApiClient({
    discoveryApi: discovery,
    fetchApi: { fetch },
  });
  const token = async () =>
    (
      await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'secrets-sync',
      })
    ).token;
  const path = (entity: CompoundEntityRef) => ({
    kind: entity.kind,
    namespace: entity.namespace,
    name: entity.name,
  });

  async function answer<T>(
    response: { ok: boolean; json(): Promise<T> },
    what: string,
  ): Promise<T> {
    if (!response.ok) {
      throw await toError(response as unknown as Response, what);
    }
    return response.json();
  }

  return {
    async getTopology(entity) {
      return answer(
        await api.getEntityTopology(
          { path: path(entity) },
          { token: await token() },
        ),
        'Reading the entity',
      );
    },
    async writeValues(entity, body) {
      return answer(
        await api.writeValues(
          { path: path(entity), body },
          { token: await token() },
        ),
        'Writing the values',
      );
    },
    async setSyncEnabled(entity, environment, body) {
      return answer(
        await api.setSyncEnabled(
          { path: { ...path(entity), environment }, body },
          { token: await token() },
        ),
        `Enabling sync in ${environment}`,
      );
    },
  };
}
