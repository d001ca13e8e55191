import {
  CreateSecretCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { AccountClients, clientsFor, uniquePrefix } from './conformanceKit';

/**
 * A rollback as the product makes it (UpdateSecretVersionStage moving
 * AWSCURRENT back to an earlier version) and the listing its history reads
 * (ListSecretVersionIds), as AWS documents them: "Secrets Manager also
 * automatically moves the staging label AWSPREVIOUS to the version that
 * AWSCURRENT was removed from"; versions without a label are deprecated and
 * listed only with IncludeDeprecated; each version has its CreatedDate.
 */
describe('conformance: rollback and version listing', () => {
  const prefix = uniquePrefix('rollback');
  let aws: AccountClients;

  beforeAll(async () => {
    aws = await clientsFor('dev');
  });

  afterAll(() => aws?.destroy());

  /** Three versions by plain puts: v3 current, v2 previous, v1 deprecated. */
  async function threeVersions(name: string) {
    const { VersionId: v1 } = await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'v1' }),
    );
    const { VersionId: v2 } = await aws.sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }),
    );
    const { VersionId: v3 } = await aws.sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'v3' }),
    );
    return { v1: v1!, v2: v2!, v3: v3! };
  }

  const moveCurrent = (name: string, to: string, from: string) =>
    aws.sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: to,
        RemoveFromVersionId: from,
      }),
    );

  it('moving AWSCURRENT back to a deprecated version makes it current and the version it left AWSPREVIOUS', async () => {
    const name = `${prefix}/to-deprecated`;
    const { v1, v2, v3 } = await threeVersions(name);

    await moveCurrent(name, v1, v3);

    const stages = await aws.stages(name);
    expect(stages[v1]).toEqual(['AWSCURRENT']);
    expect(stages[v3]).toEqual(['AWSPREVIOUS']);
    expect(stages[v2]).toBeUndefined();
    expect(await aws.readDefault(name)).toMatchObject({ value: 'v1' });
  });

  it('moving AWSCURRENT to the AWSPREVIOUS version swaps the two labels', async () => {
    const name = `${prefix}/to-previous`;
    const { v2, v3 } = await threeVersions(name);

    await moveCurrent(name, v2, v3);

    const stages = await aws.stages(name);
    expect(stages[v2]).toEqual(['AWSCURRENT']);
    expect(stages[v3]).toEqual(['AWSPREVIOUS']);
  });

  it('ListSecretVersionIds lists only labelled versions, and every version with IncludeDeprecated', async () => {
    const name = `${prefix}/deprecated`;
    const { v1, v2, v3 } = await threeVersions(name);

    const listed = async (IncludeDeprecated?: boolean) =>
      (
        await aws.sm.send(
          new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated }),
        )
      ).Versions!.map(v => v.VersionId).sort();

    expect(await listed()).toEqual([v2, v3].sort());
    expect(await listed(true)).toEqual([v1, v2, v3].sort());
  });

  it('ListSecretVersionIds gives each version the date it was created', async () => {
    const name = `${prefix}/created`;
    const { VersionId: first } = await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'first' }),
    );
    // CreatedDate has a resolution of one second: let the clock pass one
    const nextSecond = Math.floor(Date.now() / 1000) + 1;
    while (Date.now() / 1000 < nextSecond) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    const { VersionId: second } = await aws.sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'second' }),
    );
    const afterSecond = Date.now();
    // and one more, so a date of the listing call would differ from both
    while (Date.now() < afterSecond + 1100) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }

    const { Versions = [] } = await aws.sm.send(
      new ListSecretVersionIdsCommand({ SecretId: name }),
    );
    const created = (id?: string) =>
      Versions.find(v => v.VersionId === id)?.CreatedDate?.getTime() ?? NaN;

    expect(created(first)).toBeLessThan(created(second));
    expect(created(second)).toBeLessThanOrEqual(afterSecond);
  });
});
