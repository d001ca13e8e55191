import {
  CreateSecretCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  AccountClients,
  clientsFor,
  errorName,
  requestToken,
  uniquePrefix,
} from './conformanceKit';

/**
 * ClientRequestToken as AWS documents it: the token is the new version's
 * id; a retry with the same token and value is that version again (the
 * backend's and ESO's retries rely on it), a different value under a used
 * token is refused.
 */
describe('conformance: ClientRequestToken idempotency', () => {
  const prefix = uniquePrefix('tokens');
  let aws: AccountClients;

  beforeAll(async () => {
    aws = await clientsFor('dev');
  });

  afterAll(() => aws?.destroy());

  it('CreateSecret retried with the same token and value answers the same version', async () => {
    const name = `${prefix}/create`;
    const token = requestToken();
    const create = () =>
      aws.sm.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: 'one',
          ClientRequestToken: token,
        }),
      );

    const first = await create();
    const again = await create();

    expect(first.VersionId).toBe(token);
    expect(again.VersionId).toBe(token);
    expect(Object.keys(await aws.stages(name))).toEqual([token]);
  });

  it('PutSecretValue with the same token and value is one version, however often it is sent', async () => {
    const name = `${prefix}/put-same`;
    await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'one' }),
    );
    const token = requestToken();
    const put = () =>
      aws.sm.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: 'two',
          ClientRequestToken: token,
        }),
      );

    const answers = [await put(), await put(), await put()];

    expect(answers.map(a => a.VersionId)).toEqual([token, token, token]);
    expect(Object.keys(await aws.stages(name))).toHaveLength(2);
    expect(await aws.versionWith(name, 'AWSCURRENT')).toEqual([token]);
  });

  it('PutSecretValue with a used token and a different value fails and changes nothing', async () => {
    const name = `${prefix}/put-different`;
    await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'one' }),
    );
    const token = requestToken();
    await aws.sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: 'two',
        ClientRequestToken: token,
      }),
    );
    const before = await aws.stages(name);

    const reused = await errorName(
      aws.sm.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: 'three',
          ClientRequestToken: token,
        }),
      ),
    );

    expect(reused).toBe('ResourceExistsException');
    expect(await aws.stages(name)).toEqual(before);
    expect(await aws.readDefault(name)).toMatchObject({
      versionId: token,
      value: 'two',
    });
  });

  it('a staged put retried after AWSCURRENT moved onto it moves no label back', async () => {
    const name = `${prefix}/staged-retry`;
    const { VersionId: v1 } = await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'one' }),
    );
    const token = requestToken();
    const put = () =>
      aws.sm.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: 'two',
          ClientRequestToken: token,
          VersionStages: ['secrets-sync-pending'],
        }),
      );
    await put();
    await aws.sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: token,
        RemoveFromVersionId: v1,
      }),
    );
    const before = await aws.stages(name);

    expect((await put()).VersionId).toBe(token);
    expect(await aws.stages(name)).toEqual(before);
    expect(await aws.readDefault(name)).toMatchObject({ versionId: token });
  });
});
