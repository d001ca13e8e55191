import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntityTopology,
  Environment,
  EnvironmentTopology,
  FleetStatus,
  ForceSyncResponse,
  RollbackResponse,
  SetSyncEnabledResponse,
  VersionHistory,
  WriteValuesRequest,
  WriteValuesResponse,
  WorkloadRef,
  WorkloadRollout,
  WorkloadRollouts,
} from '@internal/plugin-secrets-sync-common';
import type { FleetQuery, SecretsSyncApi } from '../src/api';
import {
  entityTopologyFixture,
  environmentFixture,
  newComponentTopology,
  singleEnvironmentTopology,
  sixEnvironmentTopology,
} from '../src/__testUtils__/topologyFixtures';

/** How long the simulated operator takes to materialise a write. */
const OPERATOR_DELAY_MS = 3000;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/**
 * The hop health the backend would answer for the environment's new status:
 * the fixture's for that status, as the real backend judges it on every read.
 */
function rejudge(env: EnvironmentTopology) {
  env.hops = environmentFixture({
    name: env.environment.name,
    status: env.status,
    restricted: env.environment.restricted,
    engine: env.environment.engine,
    keys: env.keys.map(k => k.name),
  }).hops;
}

/**
 * In-memory backend for the dev harness: serves the fixtures and acts like
 * the operator, turning a write into "pending" and then "synced". It keeps
 * key names only; written values are dropped on arrival.
 */
export class MockSecretsSyncApi implements SecretsSyncApi {
  private readonly topologies = new Map<string, EntityTopology>([
    ['checkout', clone(sixEnvironmentTopology)],
    [
      'search',
      entityTopologyFixture(
        [
          environmentFixture({
            name: 'dev',
            title: 'Development',
            status: 'synced',
            tenantKey: 'search',
          }),
        ],
        { name: 'search' },
      ),
    ],
    [
      'billing',
      clone({
        ...sixEnvironmentTopology,
        entityRef: 'component:default/billing',
      }),
    ],
    ['payments', clone(newComponentTopology)],
    [
      'legacy-app',
      {
        entityRef: 'component:default/legacy-app',
        optedIn: false,
        environments: [],
      },
    ],
    [
      'empty',
      {
        entityRef: 'component:default/empty',
        optedIn: true,
        mapping: {
          tenantKey: 'empty',
          environments: [],
          environmentsSource: 'system',
        },
        environments: [],
      },
    ],
  ]);

  async listEnvironments(): Promise<Environment[]> {
    return sixEnvironmentTopology.environments.map(e => e.environment);
  }

  /** The fixtures' components as the backend's fleet summary would list them. */
  async getFleetStatus(query: FleetQuery = {}): Promise<FleetStatus> {
    const search = query.search?.toLocaleLowerCase('en-US');
    const items = [...this.topologies.values()]
      .filter(topology => topology.optedIn && topology.mapping)
      .filter(
        topology =>
          !search ||
          topology.entityRef.includes(search) ||
          topology.mapping!.tenantKey.includes(search),
      )
      .map(topology => ({
        entityRef: topology.entityRef,
        owner: 'group:default/team-a',
        tenantKey: topology.mapping!.tenantKey,
        environments: topology.environments
          .filter(
            env =>
              (!query.environment ||
                env.environment.name === query.environment) &&
              (!query.engine || env.environment.engine === query.engine),
          )
          .map(env => ({
            environment: env.environment.name,
            status: env.status,
            ...(env.aws.lastChangedAt
              ? { lastChangedAt: env.aws.lastChangedAt }
              : {}),
          })),
      }))
      .filter(
        item =>
          item.environments.length > 0 &&
          (!query.status ||
            item.environments.some(env => env.status === query.status)),
      );
    const statusCounts: Record<string, number> = {};
    items
      .flatMap(item => item.environments)
      .forEach(env => {
        statusCounts[env.status] = (statusCounts[env.status] ?? 0) + 1;
      });
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 500;
    return {
      items: items.slice(offset, offset + limit),
      totalEntities: items.length,
      statusCounts,
      offset,
      limit,
    };
  }

  async getEntityTopology(ref: CompoundEntityRef): Promise<EntityTopology> {
    await new Promise(resolve => setTimeout(resolve, 300));
    if (ref.name === 'offline') {
      throw new TypeError('Failed to fetch');
    }
    const topology = this.topologies.get(ref.name) ?? singleEnvironmentTopology;
    return clone(topology);
  }

  async writeValues(
    ref: CompoundEntityRef,
    request: WriteValuesRequest,
  ): Promise<WriteValuesResponse> {
    const setKeys = Object.keys(request.set ?? {});
    const unset = request.unset ?? [];
    const topology = await this.getEntityTopology(ref);
    const results = request.environments.map(name => {
      const env = topology.environments.find(e => e.environment.name === name);
      if (!env) {
        return {
          environment: name,
          outcome: 'failed' as const,
          error: {
            code: 'invalid' as const,
            message: `${name} is not one of this component's environments`,
          },
        };
      }
      this.applyWrite(ref.name, name, setKeys, unset);
      return {
        environment: name,
        outcome: 'written' as const,
        versionId: `v-${Date.now()}`,
        keys: this.current(ref.name, name)?.keys.map(k => k.name),
        syncRequested: env.kubernetes.optedIn,
      };
    });
    return { results };
  }

  async forceSync(
    ref: CompoundEntityRef,
    environment: string,
  ): Promise<ForceSyncResponse> {
    const env = this.current(ref.name, environment);
    if (
      env?.kubernetes.optedIn &&
      env.status !== 'unowned' &&
      env.status !== 'error'
    ) {
      this.settle(ref.name, environment);
    }
    return {
      environment,
      requestedAt: new Date(),
      targets: [`namespace/${env?.kubernetes.namespace}`],
    };
  }

  async setSyncEnabled(
    ref: CompoundEntityRef,
    environment: string,
    enabled: boolean,
  ): Promise<SetSyncEnabledResponse> {
    const env = this.current(ref.name, environment);
    if (env) {
      env.kubernetes.optedIn = enabled;
      if (enabled) this.settle(ref.name, environment);
      else env.status = 'not-enabled';
      rejudge(env);
    }
    return { environment, enabled };
  }

  /** Restarted workloads roll out at once: the dev harness has no pods to wait for. */
  async restartWorkloads(
    _ref: CompoundEntityRef,
    environment: string,
    workloads: WorkloadRef[],
  ): Promise<WorkloadRollouts> {
    const restartedAt = new Date();
    this.rollouts = workloads.map(
      (ref): WorkloadRollout => ({
        ...ref,
        restartedAt,
        phase: 'complete',
        desiredReplicas: 1,
        updatedReplicas: 1,
        readyReplicas: 1,
      }),
    );
    return { environment, workloads: this.rollouts };
  }

  async getWorkloadRollouts(
    _ref: CompoundEntityRef,
    environment: string,
  ): Promise<WorkloadRollouts> {
    return { environment, workloads: this.rollouts };
  }

  async getVersionHistory(
    _ref: CompoundEntityRef,
    environment: string,
  ): Promise<VersionHistory> {
    const created = (minutes: number) =>
      new Date(Date.now() - minutes * 60_000);
    return {
      environment,
      secretName: 'sites/checkout-web/build',
      accountId: '111111111111',
      unversioned: [],
      versions: [
        {
          versionId: 'v-1',
          stages: [],
          createdAt: created(90),
          current: false,
          source: 'portal',
          records: [
            {
              action: 'write',
              actor: 'user:default/guest',
              outcome: 'written',
              recordedAt: created(90),
              keysSet: ['API_KEY', 'REGION'],
              keysUnset: [],
              mode: 'merge',
            },
          ],
          changes: { added: ['API_KEY', 'REGION'], changed: [], removed: [] },
        },
        {
          versionId: 'v-2',
          stages: ['AWSPREVIOUS'],
          createdAt: created(30),
          current: false,
          source: 'outside',
          records: [],
          changes: { added: ['DEBUG'], changed: ['REGION'], removed: [] },
        },
        {
          versionId: 'v-3',
          stages: ['AWSCURRENT'],
          createdAt: created(5),
          current: true,
          source: 'portal',
          records: [
            {
              action: 'write',
              actor: 'user:default/guest',
              outcome: 'written',
              recordedAt: created(5),
              keysSet: ['API_KEY'],
              keysUnset: ['DEBUG'],
              mode: 'merge',
            },
          ],
          changes: { added: [], changed: ['API_KEY'], removed: ['DEBUG'] },
        },
      ],
    };
  }

  async rollbackVersion(
    _ref: CompoundEntityRef,
    environment: string,
    versionId: string,
  ): Promise<RollbackResponse> {
    return {
      environment,
      versionId,
      previousVersionId: 'v-3',
      syncRequested: true,
    };
  }

  private rollouts: WorkloadRollout[] = [];

  private current(
    entity: string,
    environment: string,
  ): EnvironmentTopology | undefined {
    return this.topologies
      .get(entity)
      ?.environments.find(e => e.environment.name === environment);
  }

  private applyWrite(
    entity: string,
    environment: string,
    set: string[],
    unset: string[],
  ) {
    const env = this.current(entity, environment);
    if (!env) return;
    const names = new Set(env.keys.filter(k => k.inAws).map(k => k.name));
    set.forEach(k => names.add(k));
    unset.forEach(k => names.delete(k));
    env.aws.exists = true;
    env.aws.lastChangedAt = new Date();
    env.aws.versionId = `v-${Date.now()}`;
    env.keys = [...names].sort().map(name => ({
      name,
      inAws: true,
      inSecret:
        env.keys.some(k => k.name === name && k.inSecret) &&
        !set.includes(name),
      inSync: false,
    }));
    if (env.kubernetes.optedIn && env.kubernetes.namespaceExists) {
      env.status = 'pending';
      this.settle(entity, environment);
    } else {
      env.status = env.kubernetes.namespaceExists
        ? 'not-enabled'
        : 'namespace-missing';
    }
    rejudge(env);
  }

  private settle(entity: string, environment: string) {
    setTimeout(() => {
      const env = this.current(entity, environment);
      if (!env || !env.kubernetes.optedIn || !env.aws.exists) return;
      env.status = 'synced';
      env.reason = undefined;
      env.keys = env.keys.map(k => ({ ...k, inSecret: true, inSync: true }));
      env.kubernetes.secret = {
        owned: true,
        resourceVersion: String(Date.now() % 100000),
        updatedAt: new Date(),
      };
      env.consumers = env.consumers.map(c => ({ ...c, stalePods: [] }));
      rejudge(env);
    }, OPERATOR_DELAY_MS);
  }
}
