import http from 'node:http';
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
import {
  createConsumingDeployment,
  restartedAtOf,
  stampRestartedAt,
} from '../harness/deploymentFixtures';
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
  TRUST_EXPECTED,
  TrustScenario,
  trustNames,
} from './matrixFixture';
import { Initiator, scaffolderWriteActionHost } from './scaffolderWriteAction';
import {
  currentVersionOf,
  prepareRollbackTarget,
  ROLLBACK_TARGET,
} from './rollbackTarget';

const tenant = uniqueName('authz');
const names = trustNames(tenant);
const canary = `canary-${Math.random().toString(36).slice(2)}`;
/** The matrix tenant's Deployment that reads its Secret, in both clusters. */
const CONSUMER = 'matrix-web';
/** A key name only the matrix tenant's secret holds: no other entity may learn it. */
const TENANT_ONLY_KEY = 'MATRIX_KEY';

function authorization(
  principal: Principal | keyof typeof MATRIX_USERS,
): string {
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

async function awsVersions(
  cluster: SandboxCluster,
  tenantKey: string,
): Promise<string> {
  const aws = new SecretsManagerClient(
    await awsClientConfigFor(SANDBOX_ACCOUNTS[cluster]),
  );
  try {
    const { VersionIdsToStages = {} } = await aws.send(
      new DescribeSecretCommand({
        SecretId: CONTRACT.awsKeyTemplate.replace('{tenant}', tenantKey),
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

const namespaceOf = (tenantKey: string) =>
  CONTRACT.namespaceTemplate.replace('{tenant}', tenantKey);

/** An annotation of a namespace that may not exist (a System has none). */
async function annotationOf(
  cluster: SandboxCluster,
  tenantKey: string,
  key: string,
): Promise<string | undefined> {
  try {
    return await namespaceAnnotation(cluster, namespaceOf(tenantKey), key);
  } catch (error) {
    if ((error as { code?: number }).code === 404) {
      return '(no namespace)';
    }
    throw error;
  }
}

const annotationEffect = (
  cluster: SandboxCluster,
  tenantKey: string,
  key: string,
  start: Record<string, string | null>,
): Effect => ({
  prepare: async () => {
    if ((await annotationOf(cluster, tenantKey, key)) !== '(no namespace)') {
      await annotateNamespace(cluster, namespaceOf(tenantKey), start);
    }
  },
  read: () => annotationOf(cluster, tenantKey, key),
});

interface Route {
  method: string;
  path: string;
  body?: object;
  /** The body for a fresh value, so that an allowed write always acts. */
  bodyWithValue?: (value: string) => object;
  effect?: Effect;
  /** Runs in place of an HTTP request, such as a scaffolder step. */
  invoke?: (
    principal: Principal | keyof typeof MATRIX_USERS,
    body: object | undefined,
  ) => Promise<{ status: number; text: string }>;
}

const scaffolder = scaffolderWriteActionHost();

function initiatorOf(
  principal: Principal | keyof typeof MATRIX_USERS,
): Initiator {
  switch (principal) {
    case 'unauthenticated':
      return { type: 'none' };
    case 'service principal':
      return { type: 'service', subject: 'plugin:other-plugin' };
    default:
      return { type: 'user', ref: MATRIX_USERS[principal].ref };
  }
}

/** The actions registry's invocation of one of the plugin's actions. */
const actionPath = (name: string) =>
  `/api/secrets-sync/.backstage/actions/v2/actions/secrets-sync:${name}/invoke`;

/**
 * Every route and action, for the entity at `entityPath` (`entityRef` in an
 * action's input); effects are read on the resources of `tenantKey`, which
 * the request must (or must not) change.
 */
function routesFor(
  entityPath: string,
  entityRef: string,
  tenantKey: string,
): Record<string, Route> {
  const awsVersionsEffect = (cluster: SandboxCluster): Effect => ({
    read: () => awsVersions(cluster, tenantKey),
  });
  const write = (
    cluster: SandboxCluster,
    body: Record<string, unknown>,
  ): Route => ({
    method: 'POST',
    path: `${entityPath}/values`,
    bodyWithValue: value => ({ ...body, set: { [TENANT_ONLY_KEY]: value } }),
    effect: awsVersionsEffect(cluster),
  });
  const writeAction = (cluster: SandboxCluster, confirm: boolean): Route => ({
    method: 'POST',
    path: actionPath('write-values'),
    bodyWithValue: value => ({
      input: {
        entityRef,
        environments: [cluster],
        ...(confirm ? { confirmRestricted: true } : {}),
      },
      secrets: { values: { [TENANT_ONLY_KEY]: value } },
    }),
    effect: awsVersionsEffect(cluster),
  });
  /** A task of the set-up template: key names in the input, values in its secrets. */
  const scaffolderWrite = (
    cluster: SandboxCluster,
    confirm: boolean,
  ): Route => ({
    method: 'scaffolder step',
    path: 'secrets-sync:write',
    bodyWithValue: value => ({
      input: {
        entityRef,
        environments: [cluster],
        keys: [TENANT_ONLY_KEY],
        ...(confirm ? { confirmRestricted: true } : {}),
      },
      secrets: { [`secretsSync.${TENANT_ONLY_KEY}`]: value },
    }),
    effect: awsVersionsEffect(cluster),
    invoke: (principal, body) => {
      const { input, secrets } = body as {
        input: Record<string, unknown>;
        secrets: Record<string, string>;
      };
      return scaffolder.run(initiatorOf(principal), input, secrets);
    },
  });
  const forceSyncEffect = (cluster: SandboxCluster) =>
    annotationEffect(cluster, tenantKey, CONTRACT.forceSyncAnnotation, {
      [CONTRACT.optInAnnotation]: CONTRACT.enabledValue,
      [CONTRACT.forceSyncAnnotation]: '1',
    });
  const sync = (cluster: SandboxCluster, body?: object): Route => ({
    method: 'POST',
    path: `${entityPath}/environments/${cluster}/sync`,
    body,
    effect: forceSyncEffect(cluster),
  });
  const syncAction = (cluster: SandboxCluster, confirm: boolean): Route => ({
    method: 'POST',
    path: actionPath('force-sync'),
    body: {
      input: {
        entityRef,
        environment: cluster,
        ...(confirm ? { confirmRestricted: true } : {}),
      },
    },
    effect: forceSyncEffect(cluster),
  });
  const setEnabled = (
    cluster: SandboxCluster,
    enabled: boolean,
    confirm: boolean,
  ): Route => ({
    method: 'PUT',
    path: `${entityPath}/environments/${cluster}/enabled`,
    body: { enabled, ...(confirm ? { confirmRestricted: true } : {}) },
    effect: annotationEffect(cluster, tenantKey, CONTRACT.optInAnnotation, {
      [CONTRACT.optInAnnotation]: enabled ? null : CONTRACT.enabledValue,
    }),
  });
  const restart = (cluster: SandboxCluster, confirm: boolean): Route => ({
    method: 'POST',
    path: `${entityPath}/environments/${cluster}/workloads/restart`,
    body: {
      workloads: [{ kind: 'Deployment', name: CONSUMER }],
      ...(confirm ? { confirmRestricted: true } : {}),
    },
    effect: {
      prepare: async () => {
        const namespace = namespaceOf(tenantKey);
        if (
          (await restartedAtOf(cluster, namespace, CONSUMER)) !==
          '(no deployment)'
        ) {
          await stampRestartedAt(cluster, namespace, CONSUMER, 'before');
        }
      },
      read: () => restartedAtOf(cluster, namespaceOf(tenantKey), CONSUMER),
    },
  });
  const rollback = (cluster: SandboxCluster, confirm: boolean): Route => ({
    method: 'POST',
    path: `${entityPath}/environments/${cluster}/rollback`,
    body: {
      versionId: ROLLBACK_TARGET,
      ...(confirm ? { confirmRestricted: true } : {}),
    },
    effect: {
      prepare: () => prepareRollbackTarget(cluster, tenantKey),
      read: () => currentVersionOf(cluster, tenantKey),
    },
  });
  return {
    'GET /environments': {
      method: 'GET',
      path: '/api/secrets-sync/environments',
    },
    'GET fleet': { method: 'GET', path: '/api/secrets-sync/fleet' },
    'GET topology': { method: 'GET', path: `${entityPath}/topology` },
    'POST values (dev)': write('dev', { environments: ['dev'] }),
    'POST values (prod, restricted)': write('prod', {
      environments: ['prod'],
      confirmRestricted: true,
    }),
    'POST sync (dev)': sync('dev'),
    'POST sync (prod, restricted)': sync('prod', { confirmRestricted: true }),
    'PUT enabled (dev)': setEnabled('dev', true, false),
    'PUT enabled (prod, restricted)': setEnabled('prod', true, true),
    'PUT disabled (dev)': setEnabled('dev', false, false),
    'PUT disabled (prod, restricted)': setEnabled('prod', false, true),
    'POST restart (dev)': restart('dev', false),
    'POST restart (prod, restricted)': restart('prod', true),
    'GET rollouts (dev)': {
      method: 'GET',
      path: `${entityPath}/environments/dev/workloads/rollouts`,
    },
    'GET history (dev)': {
      method: 'GET',
      path: `${entityPath}/environments/dev/history`,
    },
    'GET history (prod, restricted)': {
      method: 'GET',
      path: `${entityPath}/environments/prod/history`,
    },
    'POST rollback (dev)': rollback('dev', false),
    'POST rollback (prod, restricted)': rollback('prod', true),
    'action get-topology': {
      method: 'POST',
      path: actionPath('get-topology'),
      body: { input: { entityRef } },
    },
    'action write-values (dev)': writeAction('dev', false),
    'action write-values (prod, restricted)': writeAction('prod', true),
    'action force-sync (dev)': syncAction('dev', false),
    'action force-sync (prod, restricted)': syncAction('prod', true),
    'scaffolder secrets-sync:write (dev)': scaffolderWrite('dev', false),
    'scaffolder secrets-sync:write (prod, restricted)': scaffolderWrite(
      'prod',
      true,
    ),
  };
}

const entityPath = (kind: string, name: string) =>
  `/api/secrets-sync/entities/${kind}/default/${name}`;
const ROUTES = routesFor(
  entityPath('component', tenant),
  `component:default/${tenant}`,
  tenant,
);

/** Where each trust row points, and whose resources it must leave alone. */
const TRUST_ROUTES: Record<TrustScenario, Record<string, Route>> = {
  squatter: routesFor(
    entityPath('component', names.squatter),
    `component:default/${names.squatter}`,
    names.vacantKey,
  ),
  'conflicting claimant': routesFor(
    entityPath('component', names.claimant),
    `component:default/${names.claimant}`,
    tenant,
  ),
  'unbound namespace': routesFor(
    entityPath('component', names.unbound),
    `component:default/${names.unbound}`,
    names.unbound,
  ),
  system: routesFor(
    entityPath('system', names.system),
    `system:default/${names.system}`,
    names.system,
  ),
  // `..` as the namespace: what the catalog would resolve to another entity
  'traversal ref': routesFor(
    `/api/secrets-sync/entities/component/%2E%2E/${tenant}`,
    `component:../${tenant}`,
    tenant,
  ),
};

/**
 * Sends the request exactly as written: fetch() would resolve `%2E%2E`
 * segments before sending, as browsers do, and the attack does not.
 */
function send(
  origin: string,
  route: { method: string; path: string },
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${origin}/`,
      { method: route.method, path: route.path, headers },
      response => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', chunk => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const cells = Object.entries(EXPECTED).flatMap(([route, byPrincipal]) =>
  Object.entries(byPrincipal).map(([principal, status]) => ({
    route,
    principal: principal as Principal,
    status,
  })),
);
const trustCells = (Object.keys(TRUST_EXPECTED) as TrustScenario[]).flatMap(
  scenario =>
    Object.keys(EXPECTED)
      // the catalog-wide reads name no entity
      .filter(route => route !== 'GET /environments' && route !== 'GET fleet')
      .map(route => {
        const { principal, status, topology } = TRUST_EXPECTED[scenario];
        return {
          scenario,
          route,
          principal,
          status:
            route === 'GET topology' || route === 'action get-topology'
              ? topology
              : status,
        };
      }),
);
let requestCount = 0;

/** A refusal says why, in words. */
const SOME_MESSAGE = expect.stringMatching(/\w/);

/** What a trust row's own view shows: a System is no tenant; the others see nothing of any environment. */
function expectedView(scenario: TrustScenario) {
  return scenario === 'system'
    ? { optedIn: false, withheld: [] }
    : { optedIn: true, withheld: [true, true] };
}

describe('authorization matrix: every route for every kind of caller, through the real catalog, permission backend and default policy', () => {
  let backend: RunningPortalBackend;

  beforeAll(async () => {
    readSandbox();
    await createTenantNamespace('dev', tenant, { optedIn: false });
    await createTenantNamespace('prod', tenant);
    for (const cluster of ['dev', 'prod'] as const) {
      await createConsumingDeployment(
        cluster,
        namespaceOf(tenant),
        CONSUMER,
        CONTRACT.secretName,
      );
    }
    for (const cluster of ['dev', 'prod'] as const) {
      // namespaces that exist, opted in, that the platform never bound
      await createTenantNamespace(cluster, names.vacantKey, { boundTo: null });
      await createTenantNamespace(cluster, names.unbound, { boundTo: null });
    }
    backend = await startPortalBackend({
      config: backendConfigData(),
      entities: matrixEntities(tenant),
      features: [scaffolder.plugin],
      ownership: Object.fromEntries(
        Object.values(MATRIX_USERS).map(user => [user.ref, [...user.groups]]),
      ),
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  async function request(
    route: Route,
    principal: Principal | keyof typeof MATRIX_USERS,
  ) {
    const { body, bodyWithValue, effect } = route;
    const payload = bodyWithValue
      ? bodyWithValue(`${canary}-${++requestCount}`)
      : body;
    await effect?.prepare?.();
    const before = await effect?.read();
    const response = route.invoke
      ? await route.invoke(principal, payload)
      : await send(
          backend.origin,
          route,
          {
            authorization: authorization(principal),
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
          payload ? JSON.stringify(payload) : undefined,
        );
    const after = await effect?.read();
    return {
      ...response,
      acted: effect ? after !== before : 'reads only',
      message:
        response.status === 200
          ? undefined
          : (JSON.parse(response.text) as { error?: { message?: string } })
              .error?.message,
    };
  }

  it.each(cells)(
    '$route as $principal answers $status',
    async ({ route, principal, status }) => {
      const response = await request(ROUTES[route], principal);
      expect({
        status: response.status,
        acted: response.acted,
        canaryInResponse: response.text.includes(canary),
        message: response.message,
      }).toEqual({
        status,
        acted: ROUTES[route].effect ? status === 200 : 'reads only',
        canaryInResponse: false,
        message: status === 200 ? undefined : SOME_MESSAGE,
      });
    },
  );

  it.each(trustCells)(
    '$scenario: $route as its own owner answers $status and changes nothing',
    async ({ scenario, route, principal, status }) => {
      const response = await request(TRUST_ROUTES[scenario][route], principal);
      const viewed =
        route === 'GET topology' && status === 200
          ? (JSON.parse(response.text) as {
              optedIn: boolean;
              environments: Array<{ withheld?: boolean }>;
            })
          : undefined;
      expect({
        status: response.status,
        acted: response.acted,
        canaryInResponse: response.text.includes(canary),
        // a fact of the matrix tenant: its key name, its entity ref
        otherTenantInResponse:
          scenario !== 'traversal ref' &&
          (response.text.includes(TENANT_ONLY_KEY) ||
            response.text.includes(`component:default/${tenant}"`)),
        message: response.message,
        view: viewed && {
          optedIn: viewed.optedIn,
          withheld: viewed.environments.map(env => env.withheld),
        },
      }).toEqual({
        status,
        acted: TRUST_ROUTES[scenario][route].effect ? false : 'reads only',
        canaryInResponse: false,
        otherTenantInResponse: false,
        message: status === 200 ? undefined : SOME_MESSAGE,
        view: viewed && expectedView(scenario),
      });
    },
  );
});
