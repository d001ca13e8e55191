import { DEFAULT_NAMESPACE_ANNOTATION_CONTRACT } from '@internal/plugin-secrets-sync-common';
import { readOperatorConfig } from './readOperatorConfig';
import { helpText } from './options';

const runtime = { hostname: 'host-1' };

function configOf(argv: string[], env: Record<string, string> = {}) {
  const result = readOperatorConfig({ argv, env, runtime });
  if (result.kind !== 'run') {
    throw new Error('expected a run config');
  }
  return result.config;
}

describe('readOperatorConfig', () => {
  it('defaults to the contract of docs/operator-contract.md and a 15 minute resync', () => {
    const config = configOf([]);
    expect(config.contract).toEqual(DEFAULT_NAMESPACE_ANNOTATION_CONTRACT);
    expect(config.resyncPeriodMs).toBe(15 * 60_000);
    expect(config.concurrency).toBe(4);
    expect(config.healthPort).toBe(8081);
    expect(config.metricsPort).toBe(8081);
    expect(config.leaderElection).toMatchObject({
      enabled: true,
      namespace: 'default',
      leaseName: 'secrets-sync-operator',
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
    });
    expect(config.leaderElection.identity).toMatch(/^host-1_[0-9a-f]{8}$/);
    expect(config.aws).toEqual({
      region: undefined,
      endpoint: undefined,
      accountId: undefined,
      attemptTimeoutMs: 2_000,
      callTimeoutMs: 5_000,
    });
  });

  it('reads flags, and environment variables where a flag is absent', () => {
    const config = configOf(
      [
        '--resync-period=30s',
        '--aws-endpoint',
        'http://127.0.0.1:4566',
        '--health-port=7101',
        '--owner-labels=a=1,b=2',
        '--namespace-template=t-{tenant}',
        '--identity=replica-a',
        '--aws-account-id=111111111111',
        '--aws-call-timeout=3s',
      ],
      {
        SECRETS_SYNC_OPERATOR_RESYNC_PERIOD: '1h',
        SECRETS_SYNC_OPERATOR_AWS_REGION: 'eu-west-1',
        SECRETS_SYNC_OPERATOR_CONCURRENCY: '8',
        SECRETS_SYNC_OPERATOR_AWS_ATTEMPT_TIMEOUT: '750ms',
        SECRETS_SYNC_OPERATOR_LEADER_ELECTION: 'false',
        POD_NAMESPACE: 'secrets-sync',
      },
    );
    expect(config.resyncPeriodMs).toBe(30_000);
    expect(config.aws).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4566',
      accountId: '111111111111',
      attemptTimeoutMs: 750,
      callTimeoutMs: 3_000,
    });
    expect(config.concurrency).toBe(8);
    expect(config.healthPort).toBe(7101);
    expect(config.metricsPort).toBe(7101);
    expect(config.contract.ownerLabels).toEqual({ a: '1', b: '2' });
    expect(config.contract.namespaceTemplate).toBe('t-{tenant}');
    expect(config.leaderElection).toMatchObject({
      enabled: false,
      namespace: 'secrets-sync',
      identity: 'replica-a',
    });
  });

  it('uses the in-cluster namespace for the Lease when running in a Pod', () => {
    const result = readOperatorConfig({
      argv: [],
      env: {},
      runtime: { hostname: 'pod', inClusterNamespace: 'ops' },
    });
    expect(
      result.kind === 'run' && result.config.leaderElection.namespace,
    ).toBe('ops');
  });

  it.each([
    [['--resync-period=fast'], /--resync-period: "fast" is not a duration/],
    [
      ['--concurrency=0'],
      /--concurrency: "0" is not a whole number from 1 to 64/,
    ],
    [['--health-port=http'], /--health-port: "http" is not a port number/],
    [
      ['--aws-key-template=static'],
      /--aws-key-template: "static" must contain \{tenant\}/,
    ],
    [['--owner-labels=,'], /at least one owner label is required/],
    [
      ['--owner-labels=novalue'],
      /"novalue" is not a label of the form key=value/,
    ],
    [
      ['--lease-duration=5s'],
      /--renew-deadline, which must be shorter than --lease-duration/,
    ],
    [['--leader-election=maybe'], /"maybe" is not true or false/],
    [
      ['--aws-account-id=1111'],
      /--aws-account-id: "1111" is not an AWS account id of 12 digits/,
    ],
    [['--aws-call-timeout=0s'], /--aws-call-timeout: "0s" must be longer/],
    [['--log-level=trace'], /one of debug, info, warn, error/],
    [['--unknown'], /Unknown option '--unknown'/],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => readOperatorConfig({ argv, env: {}, runtime })).toThrow(
      message,
    );
  });

  it('answers --help with every flag and its environment variable', () => {
    expect(readOperatorConfig({ argv: ['--help'], env: {}, runtime })).toEqual({
      kind: 'help',
    });
    expect(helpText()).toContain('--resync-period <value>');
    expect(helpText()).toContain('SECRETS_SYNC_OPERATOR_RESYNC_PERIOD');
  });
});
