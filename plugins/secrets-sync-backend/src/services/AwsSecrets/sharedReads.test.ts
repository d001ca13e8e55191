import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsSecretsService } from './createAwsSecretsService';
import { createSharedCache } from './createSharedCache';

const REF = {
  accountId: '111111111111',
  region: 'us-east-1',
  name: 'sites/web/build',
};
const SECRET = {
  Name: REF.name,
  ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:sites/web/build-abc',
  Tags: [{ Key: 'secrets-sync.io/managed-by', Value: 'secrets-sync' }],
  VersionIdsToStages: { v1: ['AWSCURRENT'] },
  LastChangedDate: new Date('2026-01-01T00:00:00Z'),
};

/** One store both replicas reach, as Redis is: values go through JSON. */
function sharedStore(): CacheService {
  const entries = new Map<string, string>();
  const store = {
    get: async (key: string) => {
      const text = entries.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    set: async (key: string, value: unknown) => {
      entries.set(key, JSON.stringify(value));
    },
    delete: async (key: string) => {
      entries.delete(key);
    },
    withOptions: () => store,
  };
  return store as unknown as CacheService;
}

describe('AWS reads shared between replicas', () => {
  const sm = mockClient(SecretsManagerClient);
  const store = sharedStore();
  const replica = () =>
    createAwsSecretsService({
      clients: async () => new SecretsManagerClient({ region: 'us-east-1' }),
      metadataTtlMs: 30_000,
      shared: createSharedCache({
        cache: store,
        logger: mockServices.logger.mock(),
      }),
      sharedDigests: true,
    });
  const [a, b] = [replica(), replica()];

  beforeEach(() => {
    sm.reset();
    sm.on(DescribeSecretCommand).resolves(SECRET);
    sm.on(GetSecretValueCommand).resolves({
      VersionId: 'v1',
      SecretString: '{"A":"1"}',
    });
    sm.on(ListSecretsCommand).resolves({ SecretList: [SECRET] });
    sm.on(BatchGetSecretValueCommand).resolves({
      SecretValues: [
        { Name: REF.name, VersionId: 'v1', SecretString: '{"A":"1"}' },
      ],
    });
  });

  it('answers on B what A read, with no call and the same snapshot', async () => {
    const onA = await a.read(REF);
    sm.resetHistory();
    await expect(b.read(REF)).resolves.toEqual(onA);
    expect(sm.calls()).toHaveLength(0);
  });

  it('reads AWS afresh on B once A invalidated the secret after its write', async () => {
    await a.read(REF);
    await b.read(REF);
    await a.invalidate(REF);
    sm.resetHistory();
    await b.read(REF);
    expect(sm.commandCalls(DescribeSecretCommand)).toHaveLength(1);
    // the version's digests are still shared: its value is not read again
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('reads a version a fleet pass on A digested at most once: B lists, and reads no value', async () => {
    const other = { ...REF, name: 'sites/api/build' };
    sm.on(ListSecretsCommand).resolves({
      SecretList: [SECRET, { ...SECRET, Name: other.name }],
    });
    sm.on(BatchGetSecretValueCommand).resolves({
      SecretValues: [
        { Name: REF.name, VersionId: 'v1', SecretString: '{"A":"1"}' },
        { Name: other.name, VersionId: 'v1', SecretString: '{"B":"2"}' },
      ],
    });
    await a.prefetch([{ refs: [REF, other], namePrefix: 'sites/' }]);
    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(1);
    sm.resetHistory();
    await b.prefetch([{ refs: [REF, other], namePrefix: 'sites/' }]);
    expect(sm.commandCalls(ListSecretsCommand)).toHaveLength(1);
    expect(sm.commandCalls(BatchGetSecretValueCommand)).toHaveLength(0);
  });
});
