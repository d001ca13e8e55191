import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  AccountClients,
  clientsFor,
  errorName,
  uniquePrefix,
} from './conformanceKit';

/**
 * A secret scheduled for deletion (DeleteSecret with a recovery window), as
 * AWS documents it: its metadata stays readable with a DeletedDate, its
 * value and any write are refused with InvalidRequestException, listings
 * leave it out unless asked, and RestoreSecret brings it back unchanged.
 * The product shows it as upstream-missing and refuses to write to it; the
 * operators report deletion-scheduled.
 */
describe('conformance: a secret scheduled for deletion', () => {
  const prefix = uniquePrefix('deletion');
  const name = `${prefix}/scheduled`;
  let aws: AccountClients;
  let versionId: string;

  beforeAll(async () => {
    aws = await clientsFor('dev');
    ({ VersionId: versionId = '' } = await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'kept' }),
    ));
    await aws.sm.send(
      new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }),
    );
  });

  afterAll(() => aws?.destroy());

  it('DescribeSecret answers, with the DeletedDate', async () => {
    const described = await aws.sm.send(
      new DescribeSecretCommand({ SecretId: name }),
    );

    expect(described.DeletedDate).toBeInstanceOf(Date);
  });

  it('GetSecretValue is refused with InvalidRequestException', async () => {
    expect(
      await errorName(
        aws.sm.send(new GetSecretValueCommand({ SecretId: name })),
      ),
    ).toBe('InvalidRequestException');
    expect(
      await errorName(
        aws.sm.send(
          new GetSecretValueCommand({
            SecretId: name,
            VersionStage: 'AWSCURRENT',
          }),
        ),
      ),
    ).toBe('InvalidRequestException');
  });

  it('PutSecretValue is refused with InvalidRequestException and adds no version', async () => {
    const before = await aws.stages(name);

    const put = await errorName(
      aws.sm.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: 'new' }),
      ),
    );

    expect(put).toBe('InvalidRequestException');
    expect(await aws.stages(name)).toEqual(before);
  });

  it('CreateSecret of the same name is refused with InvalidRequestException', async () => {
    expect(
      await errorName(
        aws.sm.send(
          new CreateSecretCommand({ Name: name, SecretString: 'again' }),
        ),
      ),
    ).toBe('InvalidRequestException');
  });

  it('ListSecrets leaves it out unless IncludePlannedDeletion is set', async () => {
    const list = async (IncludePlannedDeletion?: boolean) =>
      (
        await aws.sm.send(
          new ListSecretsCommand({
            Filters: [{ Key: 'name', Values: [prefix] }],
            IncludePlannedDeletion,
          }),
        )
      ).SecretList?.map(s => s.Name) ?? [];

    expect(await list()).toEqual([]);
    expect(await list(true)).toEqual([name]);
  });

  it('BatchGetSecretValue returns no value for it, and says so in Errors', async () => {
    const { SecretValues = [], Errors = [] } = await aws.sm.send(
      new BatchGetSecretValueCommand({ SecretIdList: [name] }),
    );

    expect(SecretValues).toEqual([]);
    expect(Errors.map(e => e.SecretId)).toEqual([name]);
  });

  it('RestoreSecret makes the same version readable again', async () => {
    await aws.sm.send(new RestoreSecretCommand({ SecretId: name }));

    expect(await aws.readDefault(name)).toMatchObject({
      versionId,
      value: 'kept',
    });
    const described = await aws.sm.send(
      new DescribeSecretCommand({ SecretId: name }),
    );
    expect(described.DeletedDate).toBeUndefined();
  });
});
