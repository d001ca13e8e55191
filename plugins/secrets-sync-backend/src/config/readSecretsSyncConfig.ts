import { resolve as resolvePath } from 'node:path';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT,
  DEFAULT_TENANT_KEY_PATTERN,
  NamespaceAnnotationContract,
} from '@internal/plugin-secrets-sync-common';
import {
  EngineConfig,
  EnvironmentConfig,
  KubernetesAuthConfig,
  SecretsSyncConfig,
} from './types';

const DEFAULT_PENDING_GRACE_PERIOD_MS = 120_000;
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const AWS_ACCOUNT_ID = /^\d{12}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ENGINE_TYPES = ['namespace-annotation'];

class InvalidConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`Invalid secrets-sync config at '${key}': ${problem}`);
    this.name = 'InvalidConfigError';
  }
}

function check(condition: boolean, key: string, problem: string) {
  if (!condition) {
    throw new InvalidConfigError(key, problem);
  }
}

function readUrl(config: Config, key: string, path: string): string {
  const value = config.getString(key);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  check(
    url?.protocol === 'http:' || url?.protocol === 'https:',
    path,
    `"${value}" is not an http(s) URL`,
  );
  return value;
}

function readContract(
  config: Config | undefined,
  path: string,
): NamespaceAnnotationContract {
  const defaults = DEFAULT_NAMESPACE_ANNOTATION_CONTRACT;
  const text = (key: keyof NamespaceAnnotationContract) =>
    config?.getOptionalString(key) ?? (defaults[key] as string);
  const contract: NamespaceAnnotationContract = {
    namespaceTemplate: text('namespaceTemplate'),
    awsKeyTemplate: text('awsKeyTemplate'),
    optInAnnotation: text('optInAnnotation'),
    enabledValue: text('enabledValue'),
    forceSyncAnnotation: text('forceSyncAnnotation'),
    secretName: text('secretName'),
    ownerLabels: config?.has('ownerLabels')
      ? (config.getConfig('ownerLabels').get() as Record<string, string>)
      : { ...defaults.ownerLabels },
  };
  for (const key of ['namespaceTemplate', 'awsKeyTemplate'] as const) {
    check(
      contract[key].includes('{tenant}'),
      `${path}.${key}`,
      'must contain {tenant}',
    );
  }
  for (const [name, value] of Object.entries(contract.ownerLabels)) {
    check(
      typeof value === 'string',
      `${path}.ownerLabels.${name}`,
      'must be a string',
    );
  }
  return contract;
}

function readEngine(config: Config, path: string): EngineConfig {
  const engine = config.getOptionalConfig('engine');
  const type = engine?.getOptionalString('type') ?? 'namespace-annotation';
  check(
    ENGINE_TYPES.includes(type),
    `${path}.engine.type`,
    `unknown engine "${type}"; known: ${ENGINE_TYPES.join(', ')}`,
  );
  return {
    type: 'namespace-annotation',
    contract: readContract(engine, `${path}.engine`),
  };
}

function readKubernetesAuth(
  config: Config,
  clusterName: string,
  path: string,
): KubernetesAuthConfig {
  const type = config.getString('type');
  if (type === 'serviceAccountToken') {
    return { type, token: config.getString('token') };
  }
  check(
    type === 'aws',
    `${path}.type`,
    `unknown auth type "${type}"; known: serviceAccountToken, aws`,
  );
  return {
    type: 'aws',
    clusterName: config.getOptionalString('clusterName') ?? clusterName,
  };
}

function readEnvironment(config: Config, path: string): EnvironmentConfig {
  const name = config.getString('name');
  check(
    ENVIRONMENT_NAME.test(name),
    `${path}.name`,
    `"${name}" must be a lowercase DNS label`,
  );
  const aws = config.getConfig('aws');
  const accountId = aws.getString('accountId');
  check(
    AWS_ACCOUNT_ID.test(accountId),
    `${path}.aws.accountId`,
    `"${accountId}" is not a 12-digit AWS account id (quote it in YAML)`,
  );
  const region = aws.getString('region');
  check(
    AWS_REGION.test(region),
    `${path}.aws.region`,
    `"${region}" is not an AWS region`,
  );
  const kube = config.getConfig('kubernetes');
  const clusterName = kube.getString('name');
  const caFile = kube.getOptionalString('caFile');
  return {
    name,
    title: config.getOptionalString('title') ?? name,
    restricted: config.getOptionalBoolean('restricted') ?? false,
    aws: {
      accountId,
      region,
      endpoint: aws.has('endpoint')
        ? readUrl(aws, 'endpoint', `${path}.aws.endpoint`)
        : undefined,
    },
    kubernetes: {
      name: clusterName,
      url: readUrl(kube, 'url', `${path}.kubernetes.url`),
      caFile: caFile ? resolvePath(caFile) : undefined,
      caData: kube.getOptionalString('caData'),
      skipTLSVerify: kube.getOptionalBoolean('skipTLSVerify') ?? false,
      auth: readKubernetesAuth(
        kube.getConfig('auth'),
        clusterName,
        `${path}.kubernetes.auth`,
      ),
    },
    engine: readEngine(config, path),
  };
}

function readTenantKeyPattern(config: Config): RegExp {
  const source =
    config.getOptionalString('secretsSync.tenantKeyPattern') ??
    DEFAULT_TENANT_KEY_PATTERN;
  try {
    return new RegExp(source);
  } catch (error) {
    throw new InvalidConfigError(
      'secretsSync.tenantKeyPattern',
      `not a regular expression: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads and validates the `secretsSync` section, applying every default.
 * Throws at start-up with a message naming the offending key.
 *
 * @public
 */
export function readSecretsSyncConfig(config: Config): SecretsSyncConfig {
  const environments = config
    .getConfigArray('secretsSync.environments')
    .map((env, index) =>
      readEnvironment(env, `secretsSync.environments[${index}]`),
    );
  environments.forEach((env, index) => {
    check(
      environments.findIndex(other => other.name === env.name) === index,
      `secretsSync.environments[${index}].name`,
      `environment "${env.name}" is defined twice`,
    );
  });
  const grace = config.has('secretsSync.pendingGracePeriod')
    ? durationToMilliseconds(
        readDurationFromConfig(config, {
          key: 'secretsSync.pendingGracePeriod',
        }),
      )
    : DEFAULT_PENDING_GRACE_PERIOD_MS;
  return {
    tenantKeyPattern: readTenantKeyPattern(config),
    restrictedWriters:
      config.getOptionalStringArray('secretsSync.restrictedWriters') ?? [],
    pendingGracePeriodMs: grace,
    environments,
  };
}
