import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionEvaluator,
} from '@backstage/plugin-permission-common';
import express from 'express';
import type { EnvironmentConfig } from '../config';
import { createRouter } from '../router/createRouter';
import type { FleetService } from '../services/Fleet';
import type { HistoryService } from '../services/History';
import { createRateLimiter } from '../services/RateLimit';
import type { SecretsSyncService } from '../services/SecretsSync';
import type { SyncTarget } from '../services/SyncEngine';
import type { WorkloadsService } from '../services/Workloads';
import type { SecretChange } from '../lib/domain/secretDocument';
import { capturingAuditor } from './captureOutput';

/** A value no answer, audit event or error may ever carry. */
export const ROUTER_CANARY = 'CANARY-router-3b7d-never-leaves';

function environment(name: string, restricted: boolean): EnvironmentConfig {
  return {
    name,
    title: name.toUpperCase(),
    restricted,
    aws: {
      accountId: restricted ? '222222222222' : '111111111111',
      region: 'eu-west-1',
    },
    kubernetes: {
      name,
      url: `https://${name}.example.com`,
      skipTLSVerify: false,
      auth: { type: 'serviceAccountToken', token: 'token' },
    },
    engine: {
      type: 'namespace-annotation',
      contract: {} as never,
    },
    binding: { annotation: 'secrets-sync.io/entity', tenants: {} },
  } as EnvironmentConfig;
}

const ENVIRONMENTS = [environment('dev', false), environment('prod', true)];

const ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web', namespace: 'default' },
  spec: { owner: 'group:default/team' },
};

/**
 * The router of one endpoint's tests: the real router, route context,
 * mutation policy, rate limiter and Backstage's error middleware, over a
 * jest-mocked {@link SecretsSyncService} whose defaults describe an entity
 * `component:default/web` opted in to `dev` and the restricted `prod`.
 * `deny` lists the permission names the user does not hold.
 */
export async function routerHarness(
  options: { deny?: string[]; writesPerWindow?: number } = {},
) {
  const audit = capturingAuditor();
  const deny = new Set(options.deny ?? []);
  const authorize = jest.fn<
    ReturnType<PermissionEvaluator['authorize']>,
    Parameters<PermissionEvaluator['authorize']>
  >(async requests =>
    requests.map(request => ({
      result: deny.has(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    })),
  );
  const permissions = mockServices.permissions.mock({
    authorize: authorize as never,
  });
  const secretsSync: jest.Mocked<SecretsSyncService> = {
    listEnvironments: jest.fn(() => []),
    accountOf: jest.fn(
      name => ENVIRONMENTS.find(env => env.name === name)?.aws.accountId,
    ),
    getEnvironments: jest.fn(names => {
      const unknown = names.filter(
        name => !ENVIRONMENTS.some(env => env.name === name),
      );
      if (unknown.length) {
        throw new InputError(`Unknown environment ${unknown.join(', ')}`);
      }
      return names.map(name => ENVIRONMENTS.find(env => env.name === name)!);
    }),
    resolveEntity: jest.fn(async ({ entityRef }) => ({
      entity: ENTITY,
      entityRef,
      optedIn: true,
    })),
    targetsFor: jest.fn((entity, environments) =>
      environments.map(env => ({
        environment: env,
        tenantKey: 'web',
        entityRef: entity.entityRef,
      })),
    ),
    assertBound: jest.fn(async (_targets: SyncTarget[]) => undefined),
    getTopology: jest.fn(async entity => ({
      entityRef: entity.entityRef,
      environments: [],
    })) as never,
    writeValues: jest.fn(async (target: SyncTarget, _change: SecretChange) => ({
      environment: target.environment.name,
      outcome: 'written' as const,
      versionId: `v-${target.environment.name}`,
      syncRequested: true,
    })),
    forceSync: jest.fn(async target => ({
      environment: target.environment.name,
      requestedAt: new Date(0),
      targets: ['namespace/sites-web'],
    })),
    setEnabled: jest.fn(async (target, enabled) => ({
      environment: target.environment.name,
      enabled,
    })),
  };
  const fleet: jest.Mocked<FleetService> = {
    forget: jest.fn(async (_entityRef: string) => {}),
    summarize: jest.fn(
      async (_options: Parameters<FleetService['summarize']>[0]) => ({
        items: [],
        totalEntities: 0,
        statusCounts: {},
        offset: 0,
        limit: 500,
      }),
    ),
  };
  const workloads: jest.Mocked<WorkloadsService> = {
    plan: jest.fn(async (target, requested) => ({
      target,
      namespace: 'sites-web',
      workloads: requested,
    })),
    restart: jest.fn(async plan => ({
      environment: plan.target.environment.name,
      workloads: plan.workloads.map(ref => ({
        ...ref,
        phase: 'waiting' as const,
        desiredReplicas: 1,
        updatedReplicas: 0,
        readyReplicas: 0,
      })),
    })),
    rollouts: jest.fn(async target => ({
      environment: target.environment.name,
      workloads: [],
    })),
  };
  const history: jest.Mocked<HistoryService> = {
    recordWrite: jest.fn<
      Promise<void>,
      Parameters<HistoryService['recordWrite']>
    >(async () => undefined),
    getHistory: jest.fn(async target => ({
      environment: target.environment.name,
      secretName: 'sites/web/build',
      accountId: target.environment.aws.accountId,
      versions: [],
      unversioned: [],
    })),
    rollback: jest.fn(async ({ target, versionId }) => ({
      environment: target.environment.name,
      versionId,
      previousVersionId: 'v-current',
      syncRequested: true,
    })),
  };
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor: audit.auditor,
    secretsSync,
    fleet,
    history,
    workloads,
    rateLimiter: createRateLimiter({
      windowMs: 60_000,
      writes: {
        perUser: options.writesPerWindow ?? 100,
        perEntity: options.writesPerWindow ?? 100,
      },
      forceSyncs: { perUser: 2, perEntity: 100 },
      restarts: { perUser: 2, perEntity: 100 },
    }),
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const app = express().use(router).use(middleware.error());
  return {
    app,
    secretsSync,
    fleet,
    history,
    workloads,
    authorize,
    audit,
    /** The header of a signed-in person. */
    user: mockCredentials.user.header(),
    /** The header of another backend plugin calling in. */
    service: mockCredentials.service.header(),
  };
}
