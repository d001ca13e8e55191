import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { renderTemplate } from '@internal/plugin-secrets-sync-common';
import { z } from 'zod';
import { EngineContract, readSecretsSyncConfig } from '../../config';
import type { AwsSecretsService } from '../AwsSecrets';
import type { KubernetesService } from '../Kubernetes';
import { tenantTemplate, text } from './contractSchemas';
import { createSyncEngines } from './createSyncEngines';
import { awsNamePrefixOf } from './readHelpers';
import { readSharedFacts } from './readSharedFacts';
import { ENGINES } from './registry';
import { readFailure } from './statusHelpers';
import type {
  AnyEngineDefinition,
  EngineDefinition,
  EngineFacts,
  SyncTarget,
} from './types';

/** A contract of a made-up engine: its templates and one key of its own. */
interface LabContract extends EngineContract {
  /** What a mismatch-free environment shows, so the test can tell it came through. */
  verdict: 'synced' | 'pending' | 'drifted';
  marker: string;
}

interface LabFacts extends EngineFacts {
  verdict: LabContract['verdict'];
}

/**
 * An engine written the way an engine author would, from the shared
 * helpers only: its folder would hold exactly this object.
 */
const labEngine: EngineDefinition<LabContract, LabFacts> = {
  type: 'lab',
  supports: { forceSync: true, setEnabled: true },
  contractSchema: z.object({
    namespaceTemplate: tenantTemplate('lab-{tenant}'),
    awsKeyTemplate: tenantTemplate('lab/{tenant}/values'),
    verdict: z.enum(['synced', 'pending', 'drifted']).default('synced'),
    marker: text('lab.example.io/sync'),
  }),
  async readFacts(target, contract, deps) {
    const shared = await readSharedFacts(target, deps);
    return {
      ...shared,
      optedIn: true,
      secret: { name: 'lab-secret', read: {}, owned: true },
      verdict: contract.verdict,
    };
  },
  derive(facts) {
    const failure = readFailure(facts.aws.read, 'aws');
    if (failure) {
      return { status: 'error', reason: failure };
    }
    return facts.aws.read.value?.exists
      ? { status: facts.verdict }
      : { status: 'upstream-missing' };
  },
  async afterWrite() {
    return { syncRequested: false, warning: 'the lab never syncs' };
  },
  async forceSync(target, contract) {
    return {
      targets: [
        `namespace/${renderTemplate(
          contract.namespaceTemplate,
          target.tenantKey,
        )}@${contract.marker}`,
      ],
    };
  },
  async setEnabled() {},
  fleetReads: contract => ({
    awsNamePrefix: awsNamePrefixOf(contract),
    warmUp: {},
  }),
};

const WITH_LAB: readonly AnyEngineDefinition[] = [...ENGINES, labEngine];

function environment(name: string, engine?: JsonObject): JsonObject {
  return {
    name,
    aws: { accountId: '111111111111', region: 'us-east-1' },
    kubernetes: {
      name,
      url: `https://k8s-${name}`,
      auth: { type: 'serviceAccountToken', token: 't' },
    },
    ...(engine ? { engine } : {}),
  };
}

function readConfig(engines?: readonly AnyEngineDefinition[]) {
  return readSecretsSyncConfig(
    new ConfigReader({
      secretsSync: {
        environments: [
          environment('dev'),
          environment('lab', { type: 'lab', verdict: 'drifted' }),
        ],
      },
    }),
    { engines },
  );
}

function services() {
  const aws: jest.Mocked<Pick<AwsSecretsService, 'read'>> = {
    read: jest.fn().mockResolvedValue({
      exists: true,
      managed: true,
      versionId: 'v1',
      valueDigests: { TOKEN: 'digest' },
    }),
  };
  const kubernetes: jest.Mocked<KubernetesService> = {
    getNamespace: jest.fn().mockResolvedValue(undefined),
    getLease: jest.fn().mockResolvedValue(undefined),
    getSecret: jest.fn().mockResolvedValue(undefined),
    listWorkloads: jest.fn().mockResolvedValue({
      deployments: [],
      statefulSets: [],
      daemonSets: [],
      jobs: [],
      cronJobs: [],
      pods: [],
    }),
    listExternalSecrets: jest.fn().mockResolvedValue([]),
    listEvents: jest.fn().mockResolvedValue([]),
    listCustomObjects: jest.fn().mockResolvedValue([]),
    patchCustomObjectAnnotations: jest.fn(),
    mergePatchCustomObject: jest.fn(),
    listNamespaces: jest.fn().mockResolvedValue([]),
    writeSecretData: jest.fn(),
    restartWorkload: jest.fn(),
    readRollout: jest.fn().mockResolvedValue(undefined),
    patchNamespaceAnnotations: jest.fn(),
    patchExternalSecretAnnotations: jest.fn(),
  };
  return { aws, kubernetes };
}

describe('the engine registry', () => {
  it('lets config name an engine only once it is listed, reading its block with its own schema', () => {
    expect(() => readConfig()).toThrow(
      'unknown engine "lab"; known: namespace-annotation, external-secret',
    );
    const config = readConfig(WITH_LAB);
    expect(config.environments.map(env => env.engine)).toEqual([
      expect.objectContaining({ type: 'namespace-annotation' }),
      {
        type: 'lab',
        contract: {
          namespaceTemplate: 'lab-{tenant}',
          awsKeyTemplate: 'lab/{tenant}/values',
          verdict: 'drifted',
          marker: 'lab.example.io/sync',
        },
      },
    ]);
  });

  it("refuses a bad value of the listed engine's block, naming the key", () => {
    expect(() =>
      readSecretsSyncConfig(
        new ConfigReader({
          secretsSync: {
            environments: [
              environment('lab', { type: 'lab', awsKeyTemplate: 'shared' }),
            ],
          },
        }),
        { engines: WITH_LAB },
      ),
    ).toThrow(/secretsSync\.environments\[0\]\.engine\.awsKeyTemplate/);
  });

  it('shows the status its derive returns, in the same topology as the registered engines', async () => {
    const config = readConfig(WITH_LAB);
    const { aws, kubernetes } = services();
    const engines = createSyncEngines({
      aws,
      kubernetes,
      pendingGracePeriodMs: 120_000,
      engines: WITH_LAB,
    });
    const [dev, lab] = config.environments;
    const target = (env: typeof dev): SyncTarget => ({
      environment: env,
      tenantKey: 'web',
      entityRef: 'component:default/web',
    });

    const topology = await engines(lab).readStatus(target(lab));

    expect(aws.read).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'lab/web/values' }),
    );
    expect(topology).toMatchObject({
      environment: { name: 'lab', engine: 'lab' },
      status: 'drifted',
      aws: { secretName: 'lab/web/values', exists: true, versionId: 'v1' },
      kubernetes: {
        namespace: 'lab-web',
        optedIn: true,
        secretName: 'lab-secret',
      },
      keys: [{ name: 'TOKEN', inAws: true, inSecret: false, inSync: false }],
      consumers: [],
    });
    // the registered engine beside it still answers by its own rows
    expect((await engines(dev).readStatus(target(dev))).status).toBe(
      'namespace-missing',
    );

    aws.read.mockResolvedValueOnce({ exists: false, managed: false });
    expect((await engines(lab).readStatus(target(lab))).status).toBe(
      'upstream-missing',
    );
  });

  it('hands force sync, writes, enabling and the fleet its contract', async () => {
    const config = readConfig(WITH_LAB);
    const lab = config.environments[1];
    const engine = createSyncEngines({
      ...services(),
      pendingGracePeriodMs: 120_000,
      engines: WITH_LAB,
    })(lab);
    const target = { environment: lab, tenantKey: 'web', entityRef: 'x' };

    await expect(engine.forceSync(target)).resolves.toEqual({
      targets: ['namespace/lab-web@lab.example.io/sync'],
    });
    await expect(engine.afterWrite(target)).resolves.toEqual({
      syncRequested: false,
      warning: 'the lab never syncs',
    });
    await expect(engine.setEnabled(target, true)).resolves.toBeUndefined();
    expect(engine.fleetReads(lab)).toEqual({
      awsNamePrefix: 'lab/',
      warmUp: {},
    });
    expect(engine.awsSecretRef(target)).toMatchObject({
      accountId: '111111111111',
      name: 'lab/web/values',
    });
  });

  it('is what the engines are picked from by default: an unlisted type is refused', () => {
    const lab = readConfig(WITH_LAB).environments[1];
    const engines = createSyncEngines({
      ...services(),
      pendingGracePeriodMs: 120_000,
    });
    expect(() => engines(lab)).toThrow(
      'Environment lab uses the lab engine, which is not registered',
    );
  });
});
