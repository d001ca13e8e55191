import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { digestValue } from '../../lib/infra/valueDigest';
import { createAwsSecretsService } from './createAwsSecretsService';

const REF = {
  accountId: '111111111111',
  region: 'us-east-1',
  name: 'sites/web/build',
};
const ENTITY = 'component:default/web';
const MANAGED = {
  Name: REF.name,
  ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:sites/web/build-abc',
  Tags: [
    { Key: 'secrets-sync.io/managed-by', Value: 'secrets-sync' },
    { Key: 'secrets-sync.io/entity', Value: ENTITY },
  ],
  VersionIdsToStages: { v1: ['AWSCURRENT'] },
  LastChangedDate: new Date('2026-01-01T00:00:00Z'),
};

describe('createAwsSecretsService', () => {
  const sm = mockClient(SecretsManagerClient);
  const service = createAwsSecretsService({
    clients: async () => new SecretsManagerClient({ region: 'us-east-1' }),
    maxAttempts: 3,
  });
  const merge = (set: Record<string, string>, unset: string[] = []) => ({
    ref: REF,
    change: { mode: 'merge' as const, set, unset },
    entityRef: ENTITY,
  });

  beforeEach(() => {
    sm.reset();
  });

  it('checks the 65,536-byte limit before any call', async () => {
    await expect(
      service.write(merge({ BIG: 'x'.repeat(65_536) })),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'AWS Secrets Manager accepts at most 65536',
      ),
    });
    expect(sm.calls()).toHaveLength(0);
  });

  it('checks the limit of the merged document before putting it', async () => {
    sm.on(DescribeSecretCommand).resolves(MANAGED);
    sm.on(GetSecretValueCommand).resolves({
      VersionId: 'v1',
      SecretString: JSON.stringify({ OLD: 'y'.repeat(40_000) }),
    });
    await expect(
      service.write(merge({ NEW: 'x'.repeat(30_000) })),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('creates a missing secret with the managed tags and a client request token', async () => {
    sm.on(DescribeSecretCommand).rejects(
      new ResourceNotFoundException({ message: 'nope', $metadata: {} }),
    );
    sm.on(CreateSecretCommand).resolves({ VersionId: 'v1' });
    await expect(service.write(merge({ B: '2', A: '1' }))).resolves.toEqual({
      outcome: 'written',
      created: true,
      versionId: 'v1',
      keys: ['A', 'B'],
      attempts: 1,
    });
    const input = sm.commandCalls(CreateSecretCommand)[0].args[0].input;
    expect(input.SecretString).toBe('{"A":"1","B":"2"}');
    expect(input.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('merges onto the secret another writer created first', async () => {
    sm.on(DescribeSecretCommand)
      .rejectsOnce(
        new ResourceNotFoundException({ message: 'nope', $metadata: {} }),
      )
      .resolves(MANAGED);
    sm.on(CreateSecretCommand).rejects(
      new ResourceExistsException({ message: 'already exists', $metadata: {} }),
    );
    sm.on(GetSecretValueCommand).resolves({
      VersionId: 'v1',
      SecretString: '{"THEIRS":"t"}',
    });
    sm.on(PutSecretValueCommand).resolves({ VersionId: 'v2' });
    sm.on(UpdateSecretVersionStageCommand).resolves({});
    const result = await service.write(merge({ MINE: 'm' }));
    expect(result).toMatchObject({
      outcome: 'written',
      created: false,
      versionId: 'v2',
      keys: ['MINE', 'THEIRS'],
    });
  });

  it('retries the compare-and-swap when another writer moved AWSCURRENT, merging onto theirs', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce(MANAGED)
      .resolves({
        ...MANAGED,
        VersionIdsToStages: { v1: ['AWSPREVIOUS'], theirs: ['AWSCURRENT'] },
      });
    sm.on(GetSecretValueCommand)
      .resolvesOnce({ VersionId: 'v1', SecretString: '{"A":"1"}' })
      .resolves({
        VersionId: 'theirs',
        SecretString: '{"A":"1","THEIRS":"t"}',
      });
    sm.on(PutSecretValueCommand)
      .resolvesOnce({ VersionId: 'lost' })
      .resolves({ VersionId: 'mine' });
    sm.on(UpdateSecretVersionStageCommand)
      .rejectsOnce(
        new InvalidParameterException({
          message: 'Version stage AWSCURRENT not found in version v1',
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .resolves({});
    const result = await service.write(merge({ MINE: 'm' }));
    expect(result).toMatchObject({
      outcome: 'written',
      versionId: 'mine',
      keys: ['A', 'MINE', 'THEIRS'],
      attempts: 2,
    });
    const puts = sm
      .commandCalls(PutSecretValueCommand)
      .map(c => c.args[0].input);
    expect(puts.map(p => p.VersionStages)).toEqual([
      ['secrets-sync-pending'],
      ['secrets-sync-pending'],
    ]);
    expect(JSON.parse(puts[1].SecretString!)).toEqual({
      A: '1',
      MINE: 'm',
      THEIRS: 't',
    });
    expect(
      sm
        .commandCalls(UpdateSecretVersionStageCommand)
        .map(c => c.args[0].input.RemoveFromVersionId),
    ).toEqual(['v1', 'theirs']);
  });

  it('gives up after the configured attempts, saying nothing was lost', async () => {
    sm.on(DescribeSecretCommand).resolves({
      ...MANAGED,
      VersionIdsToStages: { other: ['AWSCURRENT'] },
    });
    sm.on(GetSecretValueCommand).resolves({
      VersionId: 'v1',
      SecretString: '{}',
    });
    sm.on(PutSecretValueCommand).resolves({ VersionId: 'mine' });
    sm.on(UpdateSecretVersionStageCommand).rejects(
      new InvalidParameterException({ message: 'stage moved', $metadata: {} }),
    );
    await expect(service.write(merge({ A: '1' }))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('gave up after 3 attempts'),
    });
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(3);
  });

  it('reports an unchanged document without writing', async () => {
    sm.on(DescribeSecretCommand).resolves(MANAGED);
    sm.on(GetSecretValueCommand).resolves({
      VersionId: 'v1',
      SecretString: '{"A":"1"}',
    });
    await expect(
      service.write(merge({ A: '1' }, ['GONE'])),
    ).resolves.toMatchObject({
      outcome: 'unchanged',
      versionId: 'v1',
      keys: ['A'],
    });
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it.each([
    [
      'without the managed tag',
      { ...MANAGED, Tags: [] },
      'is not managed by secrets-sync',
    ],
    [
      'of another entity',
      {
        ...MANAGED,
        Tags: [
          MANAGED.Tags[0],
          { Key: 'secrets-sync.io/entity', Value: 'component:default/other' },
        ],
      },
      'belongs to component:default/other',
    ],
    [
      'scheduled for deletion',
      { ...MANAGED, DeletedDate: new Date('2026-02-01T00:00:00Z') },
      'is scheduled for deletion on 2026-02-01T00:00:00.000Z; restore it',
    ],
  ])(
    'refuses a secret %s with a 409 saying why',
    async (_what, described, message) => {
      sm.on(DescribeSecretCommand).resolves(described);
      await expect(service.write(merge({ A: '1' }))).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(message),
      });
      expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(0);
    },
  );

  it('refuses to merge into a document that is not a JSON object of strings, without quoting it', async () => {
    sm.on(DescribeSecretCommand).resolves(MANAGED);
    sm.on(GetSecretValueCommand).resolves({
      VersionId: 'v1',
      SecretString: 'CANARY-plain-text',
    });
    const error = await service.write(merge({ A: '1' })).catch(e => e);
    expect(error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('replace the whole document'),
    });
    expect(error.message).not.toContain('CANARY');
  });

  it('reads metadata and value digests, flagging an unreadable document', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce(MANAGED)
      .resolves({ ...MANAGED, VersionIdsToStages: { v2: ['AWSCURRENT'] } });
    sm.on(GetSecretValueCommand)
      .resolvesOnce({ VersionId: 'v1', SecretString: '{"A":"1"}' })
      .resolves({ VersionId: 'v2', SecretString: '{"A":1}' });
    await expect(service.read(REF)).resolves.toEqual({
      exists: true,
      arn: MANAGED.ARN,
      managed: true,
      entityRef: ENTITY,
      versionId: 'v1',
      lastChangedAt: MANAGED.LastChangedDate,
      deletionScheduledAt: undefined,
      valueDigests: { A: digestValue('1') },
    });
    const unreadable = await service.read(REF);
    expect(unreadable.invalidDocument).toBe(true);
    expect(unreadable).not.toHaveProperty('valueDigests');
  });

  it('reports an account that stops answering as unreachable at the call deadline, and aborts the request', async () => {
    const hung = createAwsSecretsService({
      clients: async () => new SecretsManagerClient({ region: 'us-east-1' }),
      callDeadlineMs: 50,
    });
    sm.on(DescribeSecretCommand).callsFake(() => new Promise(() => {}));
    const started = Date.now();
    await expect(hung.read(REF)).rejects.toMatchObject({
      name: 'UpstreamError',
      hop: 'aws',
      reason: 'unreachable',
      message: expect.stringContaining(
        'DescribeSecret sites/web/build in account 111111111111: unreachable: no answer within 50 ms',
      ),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    const [describeCall] = sm.commandCalls(DescribeSecretCommand);
    // The spy's typings know only the command; the SDK passes options too.
    const [, sendOptions] = describeCall.args as unknown as [
      unknown,
      { abortSignal: AbortSignal },
    ];
    expect(sendOptions.abortSignal.aborted).toBe(true);
  });

  const fresh = () =>
    createAwsSecretsService({
      clients: async () => new SecretsManagerClient({ region: 'us-east-1' }),
    });

  it("asks for a never-read secret's current value while DescribeSecret is still on its way", async () => {
    let answerDescribe: (output: typeof MANAGED) => void = () => {};
    sm.on(DescribeSecretCommand).callsFake(
      () => new Promise(resolve => (answerDescribe = resolve)),
    );
    sm.on(GetSecretValueCommand).resolves({
      VersionId: 'v1',
      SecretString: '{"A":"1"}',
    });
    const reading = fresh().read(REF);
    // DescribeSecret has not answered: wait for the value read alone
    for (
      let turn = 0;
      turn < 100 && sm.commandCalls(GetSecretValueCommand).length === 0;
      turn++
    ) {
      await new Promise(resolve => setImmediate(resolve));
    }
    expect(sm.commandCalls(DescribeSecretCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({
      SecretId: REF.name,
    });
    answerDescribe(MANAGED);

    await expect(reading).resolves.toMatchObject({
      versionId: 'v1',
      valueDigests: { A: digestValue('1') },
    });
    // the value DescribeSecret's version names was held: no second read
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads a missing secret as missing though its value was asked for beside DescribeSecret', async () => {
    sm.on(DescribeSecretCommand).rejects(
      Object.assign(new Error('not found'), {
        name: 'ResourceNotFoundException',
      }),
    );
    sm.on(GetSecretValueCommand).rejects(
      Object.assign(new Error('not found'), {
        name: 'ResourceNotFoundException',
      }),
    );

    await expect(fresh().read(REF)).resolves.toEqual({
      exists: false,
      managed: false,
    });
  });

  describe('with a metadata TTL', () => {
    let clock = 0;
    const cached = createAwsSecretsService({
      clients: async () => new SecretsManagerClient({ region: 'us-east-1' }),
      metadataTtlMs: 30_000,
      now: () => clock,
    });
    const calls = () =>
      sm
        .calls()
        .map(call => call.args[0].constructor.name.replace('Command', ''));

    beforeEach(() => {
      clock = 0;
      sm.on(DescribeSecretCommand).resolves(MANAGED);
      sm.on(GetSecretValueCommand).resolves({
        VersionId: 'v1',
        SecretString: '{"A":"1"}',
      });
    });

    it('answers a repeated read within the TTL without a call, and re-describes after it', async () => {
      const first = await cached.read(REF);
      clock = 29_000;
      await expect(cached.read(REF)).resolves.toEqual(first);
      // a first read asks for both at once
      expect(calls().sort()).toEqual(['DescribeSecret', 'GetSecretValue']);
      clock = 31_000;
      await cached.read(REF);
      // the version did not change: its digests are still known
      expect(calls()).toHaveLength(3);
      expect(calls()[2]).toBe('DescribeSecret');
    });

    it('sees a secret changed by its own write at once', async () => {
      await cached.read(REF);
      sm.on(GetSecretValueCommand)
        .resolvesOnce({ VersionId: 'v1', SecretString: '{"A":"1"}' })
        .resolves({ VersionId: 'v2', SecretString: '{"A":"2"}' });
      sm.on(PutSecretValueCommand).resolves({ VersionId: 'v2' });
      sm.on(UpdateSecretVersionStageCommand).resolves({});
      await cached.write(merge({ A: '2' }));
      sm.on(DescribeSecretCommand).resolves({
        ...MANAGED,
        VersionIdsToStages: { v2: ['AWSCURRENT'] },
      });
      const after = await cached.read(REF);
      expect(after.versionId).toBe('v2');
      expect(after.valueDigests).toEqual({ A: digestValue('2') });
    });

    it('prefetches with one ListSecrets and one BatchGetSecretValue per 20 secrets, then reads and prefetches again without calls until the TTL ends', async () => {
      const names = Array.from({ length: 45 }, (_, i) => `sites/t${i}/build`);
      sm.on(ListSecretsCommand).resolves({
        SecretList: names.slice(0, 44).map((name, i) => ({
          ...MANAGED,
          Name: name,
          VersionIdsToStages: undefined,
          SecretVersionsToStages: { [`v-${i}`]: ['AWSCURRENT'] },
        })),
      });
      sm.on(BatchGetSecretValueCommand).callsFake(input => ({
        SecretValues: input.SecretIdList.map((name: string) => ({
          Name: name,
          VersionId: `v-${names.indexOf(name)}`,
          SecretString: `{"NAME":"${name}"}`,
        })),
      }));
      const refs = names.map(name => ({ ...REF, name }));
      await cached.prefetch([{ namePrefix: 'sites/', refs }]);
      expect(calls()).toEqual([
        'ListSecrets',
        'BatchGetSecretValue',
        'BatchGetSecretValue',
        'BatchGetSecretValue',
      ]);
      expect(
        sm.commandCalls(ListSecretsCommand)[0].args[0].input.Filters,
      ).toEqual([{ Key: 'name', Values: ['sites/'] }]);
      sm.resetHistory();
      const read = await Promise.all(refs.map(ref => cached.read(ref)));
      expect(calls()).toEqual([]);
      expect(read[3].valueDigests).toEqual({ NAME: digestValue(names[3]) });
      expect(read[44]).toEqual({ exists: false, managed: false });

      await cached.prefetch([{ namePrefix: 'sites/', refs }]);
      expect(calls()).toEqual([]);
      clock += 30_001;
      await cached.prefetch([{ namePrefix: 'sites/', refs }]);
      expect(calls()).toEqual(['ListSecrets']);
    });

    it('tells its caller what the listing found for each ref it listed, missing ones too, and not the ones still fresh', async () => {
      const names = ['sites/a/build', 'sites/b/build', 'sites/gone/build'];
      sm.on(ListSecretsCommand).resolves({
        SecretList: names.slice(0, 2).map((name, i) => ({
          ...MANAGED,
          Name: name,
          VersionIdsToStages: { [`v-${i}`]: ['AWSCURRENT'] },
        })),
      });
      sm.on(BatchGetSecretValueCommand).resolves({ SecretValues: [] });
      const refs = names.map(name => ({ ...REF, name }));
      const listed = jest.fn();
      await cached.prefetch([{ namePrefix: 'sites/', refs, listed }]);
      expect(listed.mock.calls).toEqual([
        [refs[0], expect.objectContaining({ exists: true, versionId: 'v-0' })],
        [refs[1], expect.objectContaining({ exists: true, versionId: 'v-1' })],
        [refs[2], { exists: false, managed: false }],
      ]);

      listed.mockClear();
      await cached.prefetch([{ namePrefix: 'sites/', refs, listed }]);
      expect(listed).not.toHaveBeenCalled();
    });

    it('reads ahead only the values its caller asks for, and readMetadata reads none', async () => {
      const names = Array.from({ length: 30 }, (_, i) => `sites/s${i}/build`);
      sm.on(ListSecretsCommand).resolves({
        SecretList: names.map((name, i) => ({
          ...MANAGED,
          Name: name,
          VersionIdsToStages: { [`v-${i}`]: ['AWSCURRENT'] },
        })),
      });
      sm.on(BatchGetSecretValueCommand).callsFake(input => ({
        SecretValues: input.SecretIdList.map((name: string) => ({
          Name: name,
          VersionId: `v-${names.indexOf(name)}`,
          SecretString: '{"A":"1"}',
        })),
      }));
      const refs = names.map(name => ({ ...REF, name }));
      // a caller that knows the first 25 by their version stamp
      const readValues = jest.fn(
        async (_ref: unknown, versionId: string) =>
          Number(versionId.slice(2)) >= 25,
      );
      await cached.prefetch([{ namePrefix: 'sites/', refs, readValues }]);
      expect(calls()).toEqual(['ListSecrets', 'BatchGetSecretValue']);
      expect(
        sm.commandCalls(BatchGetSecretValueCommand)[0].args[0].input
          .SecretIdList,
      ).toEqual(names.slice(25));
      expect(readValues).toHaveBeenCalledWith(refs[3], 'v-3');
      sm.resetHistory();
      const metadata = await cached.readMetadata(refs[3]);
      expect(metadata.versionId).toBe('v-3');
      expect(metadata.valueDigests).toBeUndefined();
      expect(calls()).toEqual([]);
    });

    it('keeps what a prefetch found for the TTL from when it finished, however long the listing took', async () => {
      const names = ['sites/slow-a/build', 'sites/slow-b/build'];
      sm.on(ListSecretsCommand).callsFake(() => {
        clock += 45_000; // a listing of a large account, longer than the TTL
        return {
          SecretList: names.map((name, i) => ({
            ...MANAGED,
            Name: name,
            VersionIdsToStages: undefined,
            SecretVersionsToStages: { [`v-${i}`]: ['AWSCURRENT'] },
          })),
        };
      });
      sm.on(BatchGetSecretValueCommand).callsFake(input => {
        clock += 45_000;
        return {
          SecretValues: input.SecretIdList.map((name: string) => ({
            Name: name,
            VersionId: `v-${names.indexOf(name)}`,
            SecretString: '{"K":"v"}',
          })),
        };
      });
      const refs = names.map(name => ({ ...REF, name }));
      await cached.prefetch([{ namePrefix: 'sites/', refs }]);
      sm.resetHistory();

      await Promise.all(refs.map(ref => cached.read(ref)));

      expect(calls()).toEqual([]);
    });
  });

  it.each([
    [
      'AccessDeniedException',
      'access-denied',
      Object.assign(new Error('User is not authorized'), {
        name: 'AccessDeniedException',
      }),
    ],
    [
      'ThrottlingException',
      'throttled',
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
      }),
    ],
    [
      'a refused connection',
      'unreachable',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), {
        code: 'ECONNREFUSED',
      }),
    ],
  ])('classifies %s as %s', async (_what, reason, error) => {
    sm.on(DescribeSecretCommand).rejects(error);
    await expect(service.read(REF)).rejects.toMatchObject({
      name: 'UpstreamError',
      reason,
      hop: 'aws',
      message: expect.stringContaining(
        'DescribeSecret sites/web/build in account 111111111111',
      ),
    });
  });
});
