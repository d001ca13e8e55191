import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT,
  NamespaceAnnotationContract,
  validateTemplate,
} from '@internal/plugin-secrets-sync-common';
import { OPTION_SPECS } from './options';
import { parseDuration } from './parseDuration';

/**
 * Log verbosity of the operator.
 *
 * @public
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The operator's configuration, every default applied.
 *
 * @public
 */
export interface OperatorConfig {
  contract: NamespaceAnnotationContract;
  kubeconfig?: string;
  aws: {
    region?: string;
    endpoint?: string;
    /** Expected account; learnt from `sts:GetCallerIdentity` at startup when unset. */
    accountId?: string;
    /** One HTTP attempt to AWS. */
    attemptTimeoutMs: number;
    /** One AWS call, retries included. */
    callTimeoutMs: number;
  };
  resyncPeriodMs: number;
  concurrency: number;
  backoff: { baseMs: number; maxMs: number };
  healthPort: number;
  metricsPort: number;
  leaderElection: {
    enabled: boolean;
    namespace: string;
    leaseName: string;
    leaseDurationMs: number;
    renewDeadlineMs: number;
    retryPeriodMs: number;
    identity: string;
  };
  logLevel: LogLevel;
}

/**
 * Facts about where the process runs, used for defaults.
 *
 * @public
 */
export interface RuntimeFacts {
  hostname: string;
  /** Namespace of the service account when running in a Pod. */
  inClusterNamespace?: string;
}

/**
 * The result of reading the command line: a config to run, or help to print.
 *
 * @public
 */
export type ReadConfigResult =
  | { kind: 'run'; config: OperatorConfig }
  | { kind: 'help' };

const port = z.coerce.number().int().min(1).max(65535);

/**
 * Reads flags (winning) and `SECRETS_SYNC_OPERATOR_*` environment variables
 * into a validated configuration with the contract's defaults
 * (docs/operator-contract.md) as the default.
 *
 * @throws with a message naming the offending flag when a value is invalid.
 * @public
 */
export function readOperatorConfig(options: {
  argv: string[];
  env: Record<string, string | undefined>;
  runtime: RuntimeFacts;
}): ReadConfigResult {
  const { argv, env, runtime } = options;
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: Object.fromEntries(
      OPTION_SPECS.map(spec => [spec.flag, { type: spec.type }]),
    ),
  });
  if (values.help === true) {
    return { kind: 'help' };
  }

  const raw = (flag: string): string | undefined => {
    const fromFlag = values[flag];
    if (fromFlag !== undefined) {
      return String(fromFlag);
    }
    const spec = OPTION_SPECS.find(s => s.flag === flag)!;
    const fromEnv = env[spec.env];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };
  const read = <T>(flag: string, fallback: T, parse: (v: string) => T): T => {
    const value = raw(flag);
    if (value === undefined) {
      return fallback;
    }
    try {
      return parse(value);
    } catch (error) {
      throw new Error(`--${flag}: ${(error as Error).message}`);
    }
  };
  const duration = (flag: string, fallback: string) =>
    read(flag, parseDuration(fallback), parseDuration);
  const withSchema =
    <T>(schema: z.ZodType<T>, hint: string) =>
    (value: string): T => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        throw new Error(`"${value}" is not ${hint}`);
      }
      return parsed.data;
    };
  const text = (flag: string, fallback: string) => read(flag, fallback, v => v);

  const defaults = DEFAULT_NAMESPACE_ANNOTATION_CONTRACT;
  const contract: NamespaceAnnotationContract = {
    namespaceTemplate: read(
      'namespace-template',
      defaults.namespaceTemplate,
      requireTenantPlaceholder,
    ),
    awsKeyTemplate: read(
      'aws-key-template',
      defaults.awsKeyTemplate,
      requireTenantPlaceholder,
    ),
    optInAnnotation: text('opt-in-annotation', defaults.optInAnnotation),
    enabledValue: text('enabled-value', defaults.enabledValue),
    forceSyncAnnotation: text(
      'force-sync-annotation',
      defaults.forceSyncAnnotation,
    ),
    secretName: text('secret-name', defaults.secretName),
    ownerLabels: read('owner-labels', { ...defaults.ownerLabels }, parseLabels),
  };

  const healthPort = read(
    'health-port',
    8081,
    withSchema(port, 'a port number'),
  );
  const leaseDurationMs = duration('lease-duration', '15s');
  const renewDeadlineMs = duration('renew-deadline', '10s');
  const retryPeriodMs = duration('retry-period', '2s');
  if (!(retryPeriodMs < renewDeadlineMs && renewDeadlineMs < leaseDurationMs)) {
    throw new Error(
      '--retry-period must be shorter than --renew-deadline, which must be shorter than --lease-duration',
    );
  }
  const backoff = {
    baseMs: duration('backoff-base', '1s'),
    maxMs: duration('backoff-max', '5m'),
  };
  if (backoff.baseMs > backoff.maxMs) {
    throw new Error('--backoff-base must not be longer than --backoff-max');
  }

  return {
    kind: 'run',
    config: {
      contract,
      kubeconfig: raw('kubeconfig'),
      aws: {
        region: raw('aws-region'),
        endpoint: raw('aws-endpoint'),
        accountId: read(
          'aws-account-id',
          undefined,
          withSchema(
            z.string().regex(/^\d{12}$/),
            'an AWS account id of 12 digits',
          ),
        ),
        attemptTimeoutMs: duration('aws-attempt-timeout', '2s'),
        callTimeoutMs: duration('aws-call-timeout', '5s'),
      },
      resyncPeriodMs: duration('resync-period', '15m'),
      concurrency: read(
        'concurrency',
        4,
        withSchema(
          z.coerce.number().int().min(1).max(64),
          'a whole number from 1 to 64',
        ),
      ),
      backoff,
      healthPort,
      metricsPort: read(
        'metrics-port',
        healthPort,
        withSchema(port, 'a port number'),
      ),
      leaderElection: {
        enabled: read('leader-election', true, parseBoolean),
        namespace: text(
          'leader-election-namespace',
          env.POD_NAMESPACE || runtime.inClusterNamespace || 'default',
        ),
        leaseName: text('lease-name', 'secrets-sync-operator'),
        leaseDurationMs,
        renewDeadlineMs,
        retryPeriodMs,
        identity: text(
          'identity',
          `${env.POD_NAME || runtime.hostname}_${randomBytes(4).toString(
            'hex',
          )}`,
        ),
      },
      logLevel: read(
        'log-level',
        'info' as LogLevel,
        withSchema(
          z.enum(['debug', 'info', 'warn', 'error']),
          'one of debug, info, warn, error',
        ),
      ),
    },
  };
}

/** The contract's template rule, shared with the portal's config. */
function requireTenantPlaceholder(template: string): string {
  const problem = validateTemplate(template);
  if (problem) {
    throw new Error(problem);
  }
  return template;
}

function parseBoolean(value: string): boolean {
  if (value === 'true' || value === '1') {
    return true;
  }
  if (value === 'false' || value === '0') {
    return false;
  }
  throw new Error(`"${value}" is not true or false`);
}

/**
 * Parses `k=v,k=v` into labels; at least one is required, since a Secret
 * without owner labels could never be told apart from a hand-made one.
 */
function parseLabels(value: string): Record<string, string> {
  const pairs = value
    .split(',')
    .map(pair => pair.trim())
    .filter(Boolean);
  if (pairs.length === 0) {
    throw new Error('at least one owner label is required, as k=v,k=v');
  }
  return Object.fromEntries(
    pairs.map(pair => {
      const index = pair.indexOf('=');
      if (index <= 0) {
        throw new Error(`"${pair}" is not a label of the form key=value`);
      }
      return [pair.slice(0, index), pair.slice(index + 1)];
    }),
  );
}
