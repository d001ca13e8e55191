import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  AccountClients,
  clientsFor,
  errorName,
  uniquePrefix,
} from './conformanceKit';

const PENDING = 'secrets-sync-pending';

/**
 * Staging labels as AWS documents them (PutSecretValue,
 * UpdateSecretVersionStage, GetSecretValue), on the path the backend writes
 * (a put under a custom label, then AWSCURRENT moved onto it) and the paths
 * other writers take (a plain put). Clients that name no stage, as seed
 * 001's operator and BatchGetSecretValue do, read whatever carries
 * AWSCURRENT.
 */
describe('conformance: version stages', () => {
  const prefix = uniquePrefix('stages');
  let aws: AccountClients;

  beforeAll(async () => {
    aws = await clientsFor('dev');
  });

  afterAll(() => aws?.destroy());

  /** A secret with v1, then v2 put under PENDING and made current as the backend does. */
  async function stagedWrite(name: string) {
    const { VersionId: v1 } = await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'v1' }),
    );
    const { VersionId: v2 } = await aws.sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: 'v2',
        VersionStages: [PENDING],
      }),
    );
    await aws.sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: v2,
        RemoveFromVersionId: v1,
      }),
    );
    return { v1: v1!, v2: v2! };
  }

  it('a put under a custom label leaves AWSCURRENT where it was', async () => {
    const name = `${prefix}/custom-label`;
    const { VersionId: v1 } = await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'v1' }),
    );
    await aws.sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: 'v2',
        VersionStages: [PENDING],
      }),
    );

    expect(await aws.readDefault(name)).toMatchObject({
      versionId: v1,
      value: 'v1',
    });
  });

  it('GetSecretValue without a stage returns AWSCURRENT after a staged put and a stage move', async () => {
    const name = `${prefix}/default-read`;
    const { v2 } = await stagedWrite(name);

    const read = await aws.readDefault(name);

    expect(read).toMatchObject({ versionId: v2, value: 'v2' });
    expect(read.stages).toContain('AWSCURRENT');
  });

  it('BatchGetSecretValue returns AWSCURRENT after a staged put and a stage move', async () => {
    const name = `${prefix}/batch-read`;
    const { v2 } = await stagedWrite(name);

    const { SecretValues = [] } = await aws.sm.send(
      new BatchGetSecretValueCommand({ SecretIdList: [name] }),
    );

    expect(
      SecretValues.map(v => [v.Name, v.VersionId, v.SecretString]),
    ).toEqual([[name, v2, 'v2']]);
  });

  it('moving AWSCURRENT moves AWSPREVIOUS to the version it left', async () => {
    const name = `${prefix}/previous-on-move`;
    const { v1, v2 } = await stagedWrite(name);

    expect(await aws.versionWith(name, 'AWSCURRENT')).toEqual([v2]);
    expect(await aws.versionWith(name, 'AWSPREVIOUS')).toEqual([v1]);
    const previous = await aws.sm.send(
      new GetSecretValueCommand({
        SecretId: name,
        VersionStage: 'AWSPREVIOUS',
      }),
    );
    expect(previous.SecretString).toBe('v1');
  });

  it('a plain PutSecretValue after a stage move leaves one AWSCURRENT, and AWSPREVIOUS on the version it left', async () => {
    const name = `${prefix}/plain-after-move`;
    const { v2 } = await stagedWrite(name);

    const { VersionId: v3 } = await aws.sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'v3' }),
    );

    expect(await aws.versionWith(name, 'AWSCURRENT')).toEqual([v3]);
    expect(await aws.versionWith(name, 'AWSPREVIOUS')).toEqual([v2]);
    expect(await aws.readDefault(name)).toMatchObject({
      versionId: v3,
      value: 'v3',
    });
  });

  it('labels other than AWSCURRENT and AWSPREVIOUS stay on their version when AWSCURRENT moves off it', async () => {
    const name = `${prefix}/custom-label-stays`;
    const { v2 } = await stagedWrite(name);

    await aws.sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'v3' }),
    );

    expect((await aws.stages(name))[v2]?.sort()).toEqual(
      ['AWSPREVIOUS', PENDING].sort(),
    );
  });

  it('a custom label moves to the version put under it', async () => {
    const name = `${prefix}/custom-label-moves`;
    await stagedWrite(name);

    const { VersionId: v3 } = await aws.sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: 'v3',
        VersionStages: [PENDING],
      }),
    );

    expect(await aws.versionWith(name, PENDING)).toEqual([v3]);
  });

  it('moving AWSCURRENT from a version that no longer holds it fails and moves nothing (the compare-and-swap the backend relies on)', async () => {
    const name = `${prefix}/lost-race`;
    const { v1, v2 } = await stagedWrite(name);
    const { VersionId: loser } = await aws.sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: 'late',
        VersionStages: [PENDING],
      }),
    );

    const moved = await errorName(
      aws.sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: loser,
          RemoveFromVersionId: v1,
        }),
      ),
    );

    expect(moved).not.toBe('resolved');
    expect(await aws.versionWith(name, 'AWSCURRENT')).toEqual([v2]);
    expect(await aws.readDefault(name)).toMatchObject({ versionId: v2 });
  });

  it('the first version of a secret is AWSCURRENT even when put under a custom label only', async () => {
    const name = `${prefix}/first-version`;
    await aws.sm.send(new CreateSecretCommand({ Name: name }));

    const { VersionId } = await aws.sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: 'first',
        VersionStages: [PENDING],
      }),
    );

    expect(await aws.versionWith(name, 'AWSCURRENT')).toEqual([VersionId]);
    expect(await aws.readDefault(name)).toMatchObject({ value: 'first' });
  });
});
