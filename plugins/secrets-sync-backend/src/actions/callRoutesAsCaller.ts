import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
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
  parseEntityParams,
} from '@internal/plugin-secrets-sync-common';
import type {
  EntityTopology,
  ForceSyncResponse,
  WriteValuesRequest,
  WriteValuesResponse,
} from '@internal/plugin-secrets-sync-common';

/**
 * The routes an action calls, as the person who called the action: each
 * action is the route it names, with the route's permissions, restricted
 * rule, binding, validation, rate limits and audit, not a second copy of
 * them.
 */
export interface CallerRoutes {
  getTopology(entityRef: string): Promise<EntityTopology>;
  writeValues(
    entityRef: string,
    body: WriteValuesRequest,
  ): Promise<WriteValuesResponse>;
  forceSync(
    entityRef: string,
    environment: string,
    confirmRestricted: boolean,
  ): Promise<ForceSyncResponse>;
}

/**
 * The entity an action's entityRef names, by the routes' own rules: a
 * `.` or `..` part would otherwise be resolved away by the URL it goes into
 * and reach another entity's route.
 */
function entityPath(entityRef: string) {
  let parsed;
  try {
    parsed = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      'entityRef must be an entity reference such as component:default/checkout-web',
    );
  }
  return parseEntityParams(parsed, 'in entityRef');
}

/** The route's own message; the backend never puts a value in one. */
async function messageOf(response: {
  status: number;
  statusText: string;
  json(): Promise<unknown>;
}): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body?.error?.message === 'string') {
      return body.error.message;
    }
  } catch {
    // not a JSON answer; the status says enough
  }
  return `${response.status} ${response.statusText}`.trim();
}

const errorByStatus: Record<number, new (message: string) => Error> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
  429: ServiceUnavailableError,
  503: ServiceUnavailableError,
};

/**
 * Creates the {@link CallerRoutes} of `credentials`: requests carry a token
 * issued on the caller's behalf, so the routes see the person, never the
 * plugin's own service identity.
 */
export function callRoutesAsCaller(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  credentials: BackstageCredentials;
}): CallerRoutes {
  const { auth, discovery, credentials } = options;
  const api = new DefaultApiClient({
    discoveryApi: discovery,
    fetchApi: { fetch },
  });
  const token = async () => ({
    token: (
      await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'secrets-sync',
      })
    ).token,
  });
  async function answer<T>(
    response: {
      ok: boolean;
      status: number;
      statusText: string;
      json(): Promise<T>;
    },
    what: string,
  ): Promise<T> {
    if (response.ok) {
      return response.json();
    }
    const ErrorClass = errorByStatus[response.status] ?? Error;
    throw new ErrorClass(`${what}: ${await messageOf(response)}`);
  }

  return {
    async getTopology(entityRef) {
      return answer(
        await api.getEntityTopology(
          { path: entityPath(entityRef) },
          await token(),
        ),
        'Reading the topology',
      );
    },
    async writeValues(entityRef, body) {
      return answer(
        await api.writeValues(
          { path: entityPath(entityRef), body },
          await token(),
        ),
        'Writing the values',
      );
    },
    async forceSync(entityRef, environment, confirmRestricted) {
      return answer(
        await api.forceSync(
          {
            path: { ...entityPath(entityRef), environment },
            body: { confirmRestricted },
          },
          await token(),
        ),
        `Forcing a sync in ${environment}`,
      );
    },
  };
}
