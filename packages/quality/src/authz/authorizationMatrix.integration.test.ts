import {
  DescribeSecretCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockCredentials } from '@backstage/backend-test-utils';
import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT as CONTRACT } from '@internal/plugin-secrets-sync-common';
import {
  awsClientConfigFor,
  readSandbox,
  SANDBOX_ACCOUNTS,
  SandboxCluster,
} from '@internal/sandbox';
import { backendConfigData } from '../harness/backendConfig';
import { uniqueName } from '../harness/entities';
import {
  annotateNamespace,
  createTenantNamespace,
  namespaceAnnotation,
} from '../harness/kubeFixtures';
import {
  RunningPortalBackend,
  startPortalBackend,
} from '../harness/startPortalBackend';
import {
  EXPECTED,
  MATRIX_USERS,
  matrixEntities,
  Principal,
} from './matrixFixture';

const tenant = uniqueName('authz');
const canary = `canary-${Math.random().toString(36).slice(2)}`;

function authorization(principal: Principal): string {
  switch (principal) {
    case 'unauthenticated':
      return mockCredentials.none.header();
    case 'service principal':
      return mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:other-plugin'),
        targetPluginId: 'secrets-sync',
      });
    default:
      return mockCredentials.user.header(MATRIX_USERS[principal].ref);
  }
}

/**
 * What a route changes, read before and after a request to tell whether it
 * acted; `prepare` puts it in a state the request would change.
 */
interface Effect {
  prepare?: () => Promise<void>;
  read: () => Promise<string | undefined>;
}

async function awsVersions(cluster: SandboxCluster): Promise<string> {
  const aws = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS[cluster]),
  );
  try {
    const { VersionIdsToStages = {} } = await aws.send(
      new DescribeSecretCommand({
        SecretId: CONTRACT.awsKeyTemplate.replace('{tenant}', tenant),
      }),
    );
    return Object.keys(VersionIdsToStages).sort().join(',');
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return '(no secret)';
    }
    throw error;
  } finally {
    aws.destroy();
  }
}

const namespace = CONTRACT.namespaceTemplate.replace('{tenant}', tenant);
const annotationEffect = (
  key: string,
  start: Record<string, string | null>,
): Effect => ({
  prepare: () => annotateNamespace('dev', namespace, start),
  read: () => namespaceAnnotation('dev', namespace, key),
});

const entityPath = `/api/secrets-sync/entities/component/default/${tenant}`;
const ROUTES: Record<
  string,
  {
    method: string;
    path: string;
    body?: object;
    /** Each request writes a new value, so that an allowed write always acts. */
    distinctValues?: boolean;
    effect?: Effect;
  }
> = {
  'GET /environments': {
    method: 'GET',
    path: '/api/secrets-sync/environments',
  },
  'GET topology': { method: 'GET', path: `${entityPath}/topology` },
  'POST values (dev)': {
    method: 'POST',
    path: `${entityPath}/values`,
    body: { environments: ['dev'], set: { MATRIX_KEY: canary } },
    distinctValues: true,
    effect: { read: () => awsVersions('dev') },
  },
  'POST values (prod, restricted)': {
    method: 'POST',
    path: `${entityPath}/values`,
    body: {
      environments: ['prod'],
      set: { MATRIX_KEY: canary },
      confirmRestricted: true,
    },
    distinctValues: true,
    effect: { read: () => awsVersions('prod') },
  },
  'POST sync (dev)': {
    method: 'POST',
    path: `${entityPath}/environments/dev/sync`,
    effect: annotationEffect(CONTRACT.forceSyncAnnotation, {
      [CONTRACT.optInAnnotation]: CONTRACT.enabledValue,
      [CONTRACT.forceSyncAnnotation]: '1',
    }),
  },
  'PUT enabled (dev)': {
    method: 'PUT',
    path: `${entityPath}/environments/dev/enabled`,
    body: { enabled: true },
    effect: annotationEffect(CONTRACT.optInAnnotation, {
      [CONTRACT.optInAnnotation]: null,
    }),
  },
};

const cells = Object.entries(EXPECTED).flatMap(([route, byPrincipal]) =>
  Object.entries(byPrincipal).map(([principal, status]) => ({
    route,
    principal: principal as Principal,
    status,
  })),
);
let requestCount = 0;

describe('authorization matrix: every route for every kind of caller, through the real catalog, permission backend and default policy', () => {
  let backend: RunningPortalBackend;

  beforeAll(async () => {
    readSandbox();
    await createTenantNamespace('dev', tenant, { optedIn: false });
    await createTenantNamespace('prod', tenant);
    backend = await startPortalBackend({
      config: backendConfigData(),
      entities: matrixEntities(tenant),
      ownership: Object.fromEntries(
        Object.values(MATRIX_USERS).map(user => [user.ref, [...user.groups]]),
      ),
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  async function checkCell({
    route,
    principal,
    status,
  }: {
    route: string;
    principal: Principal;
    status: number;
  }) {
    const { method, path, body, distinctValues, effect } = ROUTES[route];
    const payload =
      body && distinctValues
        ? { ...body, set: { MATRIX_KEY: `${canary}-${++requestCount}` } }
        : body;
    await effect?.prepare?.();
    const before = await effect?.read();
    const response = await fetch(`${backend.origin}${path}`, {
      method,
      headers: {
        authorization: authorization(principal),
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    const text = await response.text();
    const after = await effect?.read();
    const message = response.ok
      ? undefined
      : (JSON.parse(text) as { error?: { message?: string } }).error?.message;

    expect({
      status: response.status,
      acted: effect ? after !== before : 'reads only',
      canaryInResponse: text.includes(canary),
      message,
    }).toEqual({
      status,
      acted: effect ? status === 200 : 'reads only',
      canaryInResponse: false,
      message: status === 200 ? undefined : expect.stringMatching(/\w/),
    });
  }

  it.each(cells)('$route as $principal answers $status', cell =>
    checkCell(cell),
  );
});
