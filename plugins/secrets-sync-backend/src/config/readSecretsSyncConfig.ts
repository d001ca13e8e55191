import { resolve as resolvePath } from 'node:path';
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_EXTERNAL_SECRET_CONTRACT,
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT,
  DEFAULT_TENANT_KEY_PATTERN,
  ExternalSecretContract,
  NamespaceAnnotationContract,
} from '@internal/plugin-secrets-sync-common';
import {
  checkNamespaceLengths,
  checkTemplateOverlaps,
  checkTenantKeyPatternAnchored,
} from './checkTemplates';
import { InvalidConfigError, check } from './InvalidConfigError';
import { readBinding } from './readBinding';
import {
  CacheConfig,
  EngineConfig,
  EnvironmentConfig,
  KubernetesAuthConfig,
  RateLimitBucketConfig,
  RateLimitConfig,
  SecretsSyncConfig,
} from './types';

const DEFAULT_PENDING_GRACE_PERIOD_MS = 120_000;
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const AWS_ACCOUNT_ID = /^\d{12}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ENGINE_TYPES = ['namespace-annotation', 'external-secret'];
const API_GROUP = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const API_VERSION = /^v\d+((alpha|beta)\d+)?$/;
const DEFAULT_CACHE: CacheConfig = {
  awsMetadataTtlMs: 30_000,
  kubernetes: {
    enabled: true,
    resyncPeriodMs: 10 * 60_000,
    syncTimeoutMs: 10_000,
    watchTimeoutSeconds: 60,
  },
};
const DEFAULT_TENANT_KINDS = ['component'];
const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  windowMs: 60_000,
  writes: { perUser: 20, perEntity: 40 },
  forceSyncs: { perUser: 20, perEntity: 40 },
};

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
  if (type === 'external-secret') {
    return {
      type,
      contract: readExternalSecretContract(engine, `${path}.engine`),
    };
  }
  return {
    type: 'namespace-annotation',
    contract: readContract(engine, `${path}.engine`),
  };
}

function readExternalSecretContract(
  config: Config | undefined,
  path: string,
): ExternalSecretContract {
  const defaults = DEFAULT_EXTERNAL_SECRET_CONTRACT;
  const contract: ExternalSecretContract = {
    namespaceTemplate:
      config?.getOptionalString('namespaceTemplate') ??
      defaults.namespaceTemplate,
    awsKeyTemplate:
      config?.getOptionalString('awsKeyTemplate') ?? defaults.awsKeyTemplate,
    forceSyncAnnotation:
      config?.getOptionalString('forceSyncAnnotation') ??
      defaults.forceSyncAnnotation,
    apiGroup: config?.getOptionalString('apiGroup') ?? defaults.apiGroup,
    apiVersions: config?.getOptionalStringArray('apiVersions') ?? [
      ...defaults.apiVersions,
    ],
  };
  for (const key of ['namespaceTemplate', 'awsKeyTemplate'] as const) {
    check(
      contract[key].includes('{tenant}'),
      `${path}.${key}`,
      'must contain {tenant}',
    );
  }
  check(
    API_GROUP.test(contract.apiGroup),
    `${path}.apiGroup`,
    `"${contract.apiGroup}" is not an API group`,
  );
  check(
    contract.apiVersions.length > 0 &&
      contract.apiVersions.every(version => API_VERSION.test(version)),
    `${path}.apiVersions`,
    'must list API versions such as v1, v1beta1',
  );
  return contract;
}

function readDurationMs(config: Config, key: string, fallback: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

function readCache(config: Config): CacheConfig {
  const kubernetes = DEFAULT_CACHE.kubernetes;
  return {
    awsMetadataTtlMs: readDurationMs(
      config,
      'secretsSync.cache.awsMetadataTtl',
      DEFAULT_CACHE.awsMetadataTtlMs,
    ),
    kubernetes: {
      enabled:
        config.getOptionalBoolean('secretsSync.cache.kubernetes.enabled') ??
        kubernetes.enabled,
      resyncPeriodMs: readDurationMs(
        config,
        'secretsSync.cache.kubernetes.resyncPeriod',
        kubernetes.resyncPeriodMs,
      ),
      syncTimeoutMs: readDurationMs(
        config,
        'secretsSync.cache.kubernetes.syncTimeout',
        kubernetes.syncTimeoutMs,
      ),
      watchTimeoutSeconds: readWatchTimeoutSeconds(config, kubernetes),
    },
  };
}

function readWatchTimeoutSeconds(
  config: Config,
  defaults: CacheConfig['kubernetes'],
): number {
  const key = 'secretsSync.cache.kubernetes.watchTimeout';
  const ms = readDurationMs(config, key, defaults.watchTimeoutSeconds * 1000);
  if (ms < 1000 || ms % 1000 !== 0) {
    throw new InvalidConfigError(
      key,
      'must be a whole number of seconds, at least 1 (the API server takes watch timeouts in seconds)',
    );
  }
  return ms / 1000;
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

function readEnvironment(
  config: Config,
  path: string,
  tenancy: Pick<SecretsSyncConfig, 'tenantKeyPattern' | 'tenantKinds'>,
): EnvironmentConfig {
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
  const engine = readEngine(config, path);
  const binding = readBinding(config, path, tenancy);
  // the backend patches these annotations for the tenant; were the binding
  // one of them, a tenant could bind a namespace to itself
  const patched = Object.entries(engine.contract).filter(
    ([key, value]) => key.endsWith('Annotation') && value === binding.annotation,
  );
  check(
    patched.length === 0,
    `${path}.binding.annotation`,
    `"${binding.annotation}" is also the engine's ${patched
      .map(([key]) => key)
      .join(', ')}, which the backend sets on a tenant's behalf; the binding must be an annotation only the platform sets`,
  );
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
    engine,
    binding,
  };
}

function readTenantKeyPattern(config: Config): RegExp {
  const source =
    config.getOptionalString('secretsSync.tenantKeyPattern') ??
    DEFAULT_TENANT_KEY_PATTERN;
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new InvalidConfigError(
      'secretsSync.tenantKeyPattern',
      `not a regular expression: ${(error as Error).message}`,
    );
  }
  checkTenantKeyPatternAnchored(source);
  return pattern;
}

function readTenantKinds(config: Config): string[] {
  const kinds =
    config.getOptionalStringArray('secretsSync.tenantKinds') ??
    DEFAULT_TENANT_KINDS;
  check(
    kinds.length > 0,
    'secretsSync.tenantKinds',
    'must list at least one kind',
  );
  kinds.forEach((kind, index) =>
    check(
      KubernetesValidatorFunctions.isValidKind(kind),
      `secretsSync.tenantKinds[${index}]`,
      `"${kind}" is not a catalog kind`,
    ),
  );
  return [...new Set(kinds.map(kind => kind.toLocaleLowerCase('en-US')))];
}

function readRateLimit(config: Config): RateLimitConfig {
  const base = 'secretsSync.rateLimit';
  const windowMs = readDurationMs(
    config,
    `${base}.window`,
    DEFAULT_RATE_LIMIT.windowMs,
  );
  check(windowMs >= 1000, `${base}.window`, 'must be at least 1 second');
  const count = (key: string, fallback: number) => {
    const value = config.getOptionalNumber(key) ?? fallback;
    check(
      Number.isInteger(value) && value >= 1,
      key,
      'must be a whole number, at least 1',
    );
    return value;
  };
  const bucket = (name: 'writes' | 'forceSyncs'): RateLimitBucketConfig => ({
    perUser: count(`${base}.${name}.perUser`, DEFAULT_RATE_LIMIT[name].perUser),
    perEntity: count(
      `${base}.${name}.perEntity`,
      DEFAULT_RATE_LIMIT[name].perEntity,
    ),
  });
  return {
    windowMs,
    writes: bucket('writes'),
    forceSyncs: bucket('forceSyncs'),
  };
}

/**
 * Reads and validates the `secretsSync` section, applying every default.
 * Throws at start-up with a message naming the offending key.
 *
 * @public
 */
export function readSecretsSyncConfig(config: Config): SecretsSyncConfig {
  const tenancy = {
    tenantKeyPattern: readTenantKeyPattern(config),
    tenantKinds: readTenantKinds(config),
  };
  const environments = config
    .getConfigArray('secretsSync.environments')
    .map((env, index) =>
      readEnvironment(env, `secretsSync.environments[${index}]`, tenancy),
    );
  environments.forEach((env, index) => {
    check(
      environments.findIndex(other => other.name === env.name) === index,
      `secretsSync.environments[${index}].name`,
      `environment "${env.name}" is defined twice`,
    );
  });
  checkNamespaceLengths(tenancy.tenantKeyPattern, environments);
  checkTemplateOverlaps(environments);
  const grace = config.has('secretsSync.pendingGracePeriod')
    ? durationToMilliseconds(
        readDurationFromConfig(config, {
          key: 'secretsSync.pendingGracePeriod',
        }),
      )
    : DEFAULT_PENDING_GRACE_PERIOD_MS;
  return {
    ...tenancy,
    restrictedWriters:
      config.getOptionalStringArray('secretsSync.restrictedWriters') ?? [],
    pendingGracePeriodMs: grace,
    environments,
    cache: readCache(config),
    rateLimit: readRateLimit(config),
  };
}
