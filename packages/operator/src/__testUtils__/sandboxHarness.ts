import { randomBytes } from 'node:crypto';
import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1Secret,
} from '@kubernetes/client-node';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  awsClientConfigFor,
  kubeConfigFor,
  readSandbox,
  SANDBOX_ACCOUNTS,
  SandboxCluster,
} from '@internal/sandbox';
import {
  NamespaceAnnotationContract,
  renderTemplate,
} from '@internal/plugin-secrets-sync-common';
import { createOperator, Operator } from '../createOperator';
import { createSecretsManagerClient } from '../upstream/createSecretsManagerSource';
import { createStsClient } from '../upstream/createCallerIdentity';
import { AwsCallBounds, DEFAULT_AWS_CALL_BOUNDS } from '../upstream/awsCalls';
import type { OperatorConfig } from '../config/readOperatorConfig';
import { createLogger } from '../logger';
import { decodeSecretData, encodeSecretData } from '../reconcile/contractFacts';

/** An endpoint and fixed credentials, as `awsClientConfigFor` returns them. */
export type AwsEndpointCredentials = Awaited<
  ReturnType<typeof awsClientConfigFor>
>;

/** A short random id keeping names of one test run apart from others. */
export function uniqueId(): string {
  return randomBytes(3).toString('hex');
}

/**
 * A contract of the operator contract's shape whose keys are unique to one
 * test run, so that operators of concurrent runs (and the stack's own
 * operator, on the defaults of docs/operator-contract.md) never act on each
 * other's namespaces or Secrets.
 */
export function isolatedContract(runId: string): NamespaceAnnotationContract {
  const domain = `r${runId}.optest.secrets-sync.io`;
  return {
    namespaceTemplate: `optest-${runId}-{tenant}`,
    awsKeyTemplate: `optest/${runId}/{tenant}/build`,
    optInAnnotation: `${domain}/build-secrets-managed`,
    enabledValue: 'enabled',
    forceSyncAnnotation: `${domain}/build-secrets-sync`,
    secretName: 'build-secrets',
    ownerLabels: {
      [`${domain}/managed-by`]: 'operator',
      [`${domain}/feature`]: 'build-secrets',
    },
  };
}

/** A running in-process operator with its log lines kept for assertions. */
export interface TestOperator {
  operator: Operator;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the operator in-process against a sandbox cluster, with the
 * operator's own Kubernetes identity and AWS role, as it runs in production.
 */
export async function startTestOperator(options: {
  cluster: SandboxCluster;
  contract: NamespaceAnnotationContract;
  leaseName: string;
  identity?: string;
  resyncPeriodMs?: number;
  /** Defaults to the sandbox's operator identity. */
  kubeConfig?: KubeConfig;
  leaseNamespace?: string;
  /**
   * Where and as whom the operator reaches AWS; defaults to the stack's
   * moto, as the cluster's operator role.
   */
  aws?: AwsEndpointCredentials;
  awsBounds?: Partial<AwsCallBounds>;
}): Promise<TestOperator> {
  if (!options.aws || !options.kubeConfig) {
    // fails early, saying how to start the stack
    readSandbox();
  }
  const logs: string[] = [];
  const accountId = SANDBOX_ACCOUNTS[options.cluster];
  const aws =
    options.aws ??
    (await awsClientConfigFor(accountId, 'secrets-sync-operator'));
  const config: OperatorConfig = {
    contract: options.contract,
    aws: {
      accountId,
      ...DEFAULT_AWS_CALL_BOUNDS,
      ...options.awsBounds,
    },
    resyncPeriodMs: options.resyncPeriodMs ?? 15 * 60_000,
    concurrency: 4,
    backoff: { baseMs: 200, maxMs: 5_000 },
    healthPort: 0,
    metricsPort: 0,
    leaderElection: {
      enabled: true,
      namespace: options.leaseNamespace ?? 'default',
      leaseName: options.leaseName,
      leaseDurationMs: 6_000,
      renewDeadlineMs: 4_000,
      retryPeriodMs: 1_000,
      identity: options.identity ?? `test-${uniqueId()}`,
    },
    logLevel: 'debug',
  };
  // The production clients (bounded attempts), with the credentials of one
  // AssumeRole fixed for the run, as the SDK chain caches them.
  const clientOptions = { ...aws, bounds: config.aws };
  const operator = await createOperator({
    config,
    kubeConfig:
      options.kubeConfig ?? kubeConfigFor(options.cluster, 'operator'),
    logger: createLogger({ level: 'debug', write: line => logs.push(line) }),
    secretsManager: createSecretsManagerClient(clientOptions),
    sts: createStsClient(clientOptions),
  });
  return { operator, logs, stop: () => operator.stop() };
}

/** Polls until `probe` returns a value, or fails naming what it waited for. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** Unix seconds of the operator's last successful reconcile of a namespace. */
export async function lastSyncOf(
  operator: Operator,
  namespace: string,
): Promise<number | undefined> {
  const metric = await operator.metrics.lastSuccessfulSync.get();
  return metric.values.find(v => v.labels.namespace === namespace)?.value;
}

/** Waits until the operator finished a reconcile of the namespace that began after `since`. */
export async function waitForReconcile(
  operator: Operator,
  namespace: string,
  since: number,
  timeoutMs = 10_000,
): Promise<void> {
  await waitFor(
    `a reconcile of ${namespace}`,
    async () => ((await lastSyncOf(operator, namespace)) ?? 0) * 1000 > since,
    timeoutMs,
  );
}

/**
 * Waits until the operator has nothing waiting and nothing in flight. Called
 * once a test has seen the effect of a reconcile (a Secret appeared, changed
 * or went away): the operator counts that reconcile, and records its Event
 * and log line, only after the effect is visible, so this is the moment its
 * metrics, Events and logs are complete.
 */
export async function waitForIdle(
  operator: Operator,
  timeoutMs = 10_000,
): Promise<void> {
  const value = async (gauge: {
    get(): Promise<{ values: { value: number }[] }>;
  }) => (await gauge.get()).values[0]?.value ?? 0;
  await waitFor(
    'the operator to finish what it started',
    async () =>
      (await value(operator.metrics.queueDepth)) === 0 &&
      (await value(operator.metrics.reconcilesInFlight)) === 0,
    timeoutMs,
  );
}

/**
 * Fails unless `probe` keeps returning `expected` for `ms`: the check behind
 * "and nothing more happens", after the test has waited for what did.
 */
export async function expectSteady<T>(
  probe: () => Promise<T>,
  expected: T,
  ms = 1_000,
): Promise<void> {
  const until = Date.now() + ms;
  do {
    expect(await probe()).toEqual(expected);
    await new Promise(resolve => setTimeout(resolve, 100));
  } while (Date.now() < until);
  expect(await probe()).toEqual(expected);
}

/** Admin access to a sandbox cluster, for arranging and inspecting tests. */
export class ClusterFixture {
  readonly core: CoreV1Api;

  constructor(
    readonly contract: NamespaceAnnotationContract,
    kubeConfig: KubeConfig,
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  static for(cluster: SandboxCluster, contract: NamespaceAnnotationContract) {
    return new ClusterFixture(contract, kubeConfigFor(cluster, 'admin'));
  }

  namespaceOf(tenant: string): string {
    return renderTemplate(this.contract.namespaceTemplate, tenant);
  }

  async createNamespace(
    name: string,
    options: { optedIn: boolean; annotations?: Record<string, string> },
  ): Promise<void> {
    await this.core.createNamespace({
      body: {
        metadata: {
          name,
          annotations: {
            ...(options.optedIn && {
              [this.contract.optInAnnotation]: this.contract.enabledValue,
            }),
            ...options.annotations,
          },
        },
      },
    });
  }

  /** Merge-patches annotations; `null` removes one. */
  async annotate(name: string, annotations: Record<string, string | null>) {
    await this.core.patchNamespace(
      { name, body: { metadata: { annotations } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  optIn(name: string) {
    return this.annotate(name, {
      [this.contract.optInAnnotation]: this.contract.enabledValue,
    });
  }

  optOut(name: string) {
    return this.annotate(name, { [this.contract.optInAnnotation]: null });
  }

  /** Bumps the force-sync annotation, as the portal does. */
  forceSync(name: string) {
    return this.annotate(name, {
      [this.contract.forceSyncAnnotation]: `${Date.now()}`,
    });
  }

  async readSecret(
    namespace: string,
    name = this.contract.secretName,
  ): Promise<V1Secret | undefined> {
    try {
      return await this.core.readNamespacedSecret({ namespace, name });
    } catch (error) {
      if ((error as { code?: number }).code === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async secretData(
    namespace: string,
  ): Promise<Record<string, string> | undefined> {
    const secret = await this.readSecret(namespace);
    return secret && decodeSecretData(secret.data);
  }

  async createSecret(options: {
    namespace: string;
    name?: string;
    labels?: Record<string, string>;
    data: Record<string, string>;
  }): Promise<V1Secret> {
    return this.core.createNamespacedSecret({
      namespace: options.namespace,
      body: {
        metadata: {
          name: options.name ?? this.contract.secretName,
          labels: options.labels,
        },
        type: 'Opaque',
        data: encodeSecretData(options.data),
      },
    });
  }

  async replaceSecretData(secret: V1Secret, data: Record<string, string>) {
    return this.core.replaceNamespacedSecret({
      name: secret.metadata!.name!,
      namespace: secret.metadata!.namespace!,
      body: { ...secret, data: encodeSecretData(data) },
    });
  }

  async events(namespace: string) {
    const list = await this.core.listNamespacedEvent({ namespace });
    return list.items;
  }
}

/** The tenant side of AWS Secrets Manager in one sandbox account, as the backend writes it. */
export class AwsFixture {
  private constructor(
    readonly contract: NamespaceAnnotationContract,
    private readonly client: SecretsManagerClient,
  ) {}

  /**
   * @param endpoint - another emulator (a private moto); the stack's moto
   *   by default. Credentials are assumed afresh on every call.
   */
  static async for(
    cluster: SandboxCluster,
    contract: NamespaceAnnotationContract,
    endpoint?: string,
  ) {
    const config = await awsClientConfigFor(
      SANDBOX_ACCOUNTS[cluster],
      undefined,
      endpoint,
    );
    return new AwsFixture(contract, new SecretsManagerClient(config));
  }

  keyOf(tenant: string): string {
    return renderTemplate(this.contract.awsKeyTemplate, tenant);
  }

  /** Writes the tenant's document: creates the secret or puts a new version. */
  async put(tenant: string, values: Record<string, string>): Promise<void> {
    const SecretString = JSON.stringify(values);
    try {
      await this.client.send(
        new CreateSecretCommand({ Name: this.keyOf(tenant), SecretString }),
      );
    } catch (error) {
      if (!(error instanceof ResourceExistsException)) {
        throw error;
      }
      await this.client.send(
        new PutSecretValueCommand({
          SecretId: this.keyOf(tenant),
          SecretString,
        }),
      );
    }
  }

  /**
   * Writes a new version the way the backend's compare-and-swap does: put it
   * under a staging label, then move AWSCURRENT onto it.
   */
  async putStaged(
    tenant: string,
    values: Record<string, string>,
  ): Promise<void> {
    const SecretId = this.keyOf(tenant);
    const { VersionIdsToStages = {} } = await this.client.send(
      new DescribeSecretCommand({ SecretId }),
    );
    const current = Object.entries(VersionIdsToStages).find(([, stages]) =>
      stages.includes('AWSCURRENT'),
    )?.[0];
    const put = await this.client.send(
      new PutSecretValueCommand({
        SecretId,
        SecretString: JSON.stringify(values),
        VersionStages: ['secrets-sync-pending'],
      }),
    );
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: put.VersionId,
        RemoveFromVersionId: current,
      }),
    );
  }

  /** The id of the version labelled AWSCURRENT. */
  async currentVersionId(tenant: string): Promise<string | undefined> {
    const { VersionIdsToStages = {} } = await this.client.send(
      new DescribeSecretCommand({ SecretId: this.keyOf(tenant) }),
    );
    return Object.entries(VersionIdsToStages).find(([, stages]) =>
      stages.includes('AWSCURRENT'),
    )?.[0];
  }

  async remove(tenant: string): Promise<void> {
    await this.client.send(
      new DeleteSecretCommand({
        SecretId: this.keyOf(tenant),
        ForceDeleteWithoutRecovery: true,
      }),
    );
  }
}
