/**
 * One command-line option of the operator and the environment variable that
 * sets it when the flag is absent.
 *
 * @public
 */
export interface OptionSpec {
  flag: string;
  env: string;
  type: 'string' | 'boolean';
  description: string;
  defaultText?: string;
}

const env = (flag: string) =>
  `SECRETS_SYNC_OPERATOR_${flag.toUpperCase().replace(/-/g, '_')}`;

const option = (
  flag: string,
  description: string,
  defaultText?: string,
  type: OptionSpec['type'] = 'string',
): OptionSpec => ({ flag, env: env(flag), type, description, defaultText });

/**
 * Every option, in the order `--help` lists them. Flags win over environment
 * variables; both fall back to the defaults shown.
 *
 * @public
 */
export const OPTION_SPECS: readonly OptionSpec[] = [
  option(
    'kubeconfig',
    'kubeconfig file; in-cluster config when unset and running in a Pod, else $KUBECONFIG / ~/.kube/config',
  ),
  option(
    'aws-region',
    'AWS region of Secrets Manager',
    'the AWS SDK chain (AWS_REGION, profile)',
  ),
  option(
    'aws-endpoint',
    'Secrets Manager and STS endpoint override, for local emulators',
    'the AWS SDK default (AWS_ENDPOINT_URL if set)',
  ),
  option(
    'aws-account-id',
    'the AWS account the operator must act in: an owned Secret is never deleted for a missing AWS secret while sts:GetCallerIdentity names another account',
    'the account sts:GetCallerIdentity names at startup',
  ),
  option(
    'aws-attempt-timeout',
    'longest wait for one AWS HTTP attempt (connect and answer)',
    '2s',
  ),
  option(
    'aws-call-timeout',
    'longest wait for one AWS call, retries included; a reconcile waiting longer fails and is retried with backoff',
    '5s',
  ),
  option(
    'resync-period',
    'safety-net period after which every managed namespace is reconciled again',
    '15m',
  ),
  option('concurrency', 'namespaces reconciled in parallel', '4'),
  option(
    'backoff-base',
    'first retry delay after a failed reconcile; doubles per failure',
    '1s',
  ),
  option('backoff-max', 'longest retry delay', '5m'),
  option('health-port', 'port of /healthz and /readyz', '8081'),
  option('metrics-port', 'port of /metrics (Prometheus)', 'the health port'),
  option(
    'leader-election',
    'true or false: elect a leader over a Lease so that only one replica reconciles',
    'true',
  ),
  option(
    'leader-election-namespace',
    'namespace of the Lease',
    '$POD_NAMESPACE, the in-cluster namespace, else default',
  ),
  option('lease-name', 'name of the Lease', 'secrets-sync-operator'),
  option(
    'lease-duration',
    'how long a Lease is valid without renewal; a standby takes over after it',
    '15s',
  ),
  option(
    'renew-deadline',
    'the leader steps down when it cannot renew for this long',
    '10s',
  ),
  option(
    'retry-period',
    'interval between Lease acquire or renew attempts',
    '2s',
  ),
  option(
    'identity',
    "this replica's holder identity in the Lease",
    '$POD_NAME or the hostname, plus a random suffix',
  ),
  option(
    'namespace-template',
    'namespace name template of a tenant',
    'sites-{tenant}',
  ),
  option(
    'aws-key-template',
    'AWS Secrets Manager secret name template',
    'sites/{tenant}/build',
  ),
  option(
    'opt-in-annotation',
    'namespace annotation that opts in',
    'deco.sites/build-secrets-managed',
  ),
  option(
    'enabled-value',
    'value of the opt-in annotation that means enabled',
    'enabled',
  ),
  option(
    'force-sync-annotation',
    'namespace annotation whose change forces a re-read of AWS',
    'deco.sites/build-secrets-sync',
  ),
  option(
    'secret-name',
    'name of the Secret the operator owns',
    'build-secrets',
  ),
  option(
    'owner-labels',
    "labels marking the Secret as the operator's, as k=v,k=v",
    'deco.sites/managed-by=operator,deco.sites/feature=build-secrets',
  ),
  option('log-level', 'debug, info, warn or error', 'info'),
  option('help', 'print this help', undefined, 'boolean'),
];

/**
 * The `--help` text.
 *
 * @public
 */
export function helpText(): string {
  const lines = OPTION_SPECS.map(spec => {
    const value = spec.type === 'string' ? ' <value>' : '';
    const fallback = spec.defaultText ? ` (default: ${spec.defaultText})` : '';
    return `  --${spec.flag}${value}\n      ${spec.description}${fallback}\n      env: ${spec.env}`;
  });
  return [
    'Usage: secrets-sync-operator [options]',
    '',
    'Materialises AWS Secrets Manager documents as Kubernetes Secrets in opted-in namespaces.',
    'AWS credentials come from the standard AWS SDK chain (Pod Identity, IRSA, AWS_PROFILE, ...).',
    '',
    ...lines,
  ].join('\n');
}
