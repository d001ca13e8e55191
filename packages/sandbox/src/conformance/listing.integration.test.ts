import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  ListSecretsCommand,
  ListSecretsCommandOutput,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { AccountClients, clientsFor, uniquePrefix } from './conformanceKit';

/**
 * ListSecrets filters and paging, BatchGetSecretValue and tags, as AWS
 * documents them: the fleet summary lists a key prefix in pages of 100 and
 * reads values 20 at a time; the backend marks the secrets it manages with
 * a tag and reads it back from DescribeSecret and ListSecrets.
 */
describe('conformance: listing, batch reads and tags', () => {
  const prefix = uniquePrefix('listing');
  const names = ['a/one', 'a/two', 'a/three', 'a/four', 'a/five', 'b/one'].map(
    n => `${prefix}/${n}`,
  );
  let aws: AccountClients;

  beforeAll(async () => {
    aws = await clientsFor('dev');
    for (const name of names) {
      await aws.sm.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: `value of ${name}`,
          Tags: [
            { Key: 'conformance/owner', Value: name.split('/').at(-2) },
            // two of them carry a key the others lack, for the tag-key filter
            ...(name === names[0] || name === names[2]
              ? [{ Key: 'conformance/marked', Value: 'yes' }]
              : []),
          ],
        }),
      );
    }
  });

  afterAll(() => aws?.destroy());

  async function listAll(filterPrefix: string, pageSize?: number) {
    const pages: ListSecretsCommandOutput[] = [];
    let NextToken: string | undefined;
    do {
      const page = await aws.sm.send(
        new ListSecretsCommand({
          Filters: [{ Key: 'name', Values: [filterPrefix] }],
          MaxResults: pageSize,
          NextToken,
        }),
      );
      pages.push(page);
      NextToken = page.NextToken;
    } while (NextToken && pages.length < 20);
    return pages;
  }

  it('the name filter matches by prefix', async () => {
    const [page] = await listAll(`${prefix}/a/`);

    expect(page.SecretList?.map(s => s.Name).sort()).toEqual(
      names.filter(n => n.includes('/a/')).sort(),
    );
  });

  it('pages by MaxResults, each secret once, and the last page has no NextToken', async () => {
    const pages = await listAll(`${prefix}/`, 2);

    expect(pages.map(p => p.SecretList?.length)).toEqual([2, 2, 2]);
    expect(pages.at(-1)?.NextToken).toBeUndefined();
    expect(
      pages.flatMap(p => p.SecretList?.map(s => s.Name) ?? []).sort(),
    ).toEqual([...names].sort());
  });

  it('the name filter with several values matches a secret with any of them', async () => {
    const page = await aws.sm.send(
      new ListSecretsCommand({
        Filters: [{ Key: 'name', Values: [`${prefix}/a/t`, `${prefix}/b/`] }],
      }),
    );

    expect(page.SecretList?.map(s => s.Name).sort()).toEqual(
      [`${prefix}/a/three`, `${prefix}/a/two`, `${prefix}/b/one`].sort(),
    );
  });

  it('DescribeSecret finds a secret by its ARN as by its name', async () => {
    const byName = await aws.sm.send(
      new DescribeSecretCommand({ SecretId: names[1] }),
    );
    const byArn = await aws.sm.send(
      new DescribeSecretCommand({ SecretId: byName.ARN }),
    );

    expect(byArn.Name).toBe(names[1]);
    expect(byArn.ARN).toBe(byName.ARN);
  });

  it('creates and listings at once all succeed, each listing seeing every secret that existed before it', async () => {
    const burst = Array.from({ length: 40 }, (_, i) => `${prefix}/burst/${i}`);
    const listings = Array.from({ length: 8 }, () =>
      listAll(`${prefix}/a/`, 2),
    );
    await Promise.all([
      ...burst.map(name =>
        aws.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'x' })),
      ),
      ...listings,
    ]);
    for (const pages of await Promise.all(listings)) {
      expect(
        pages.flatMap(p => p.SecretList?.map(s => s.Name) ?? []).sort(),
      ).toEqual(names.filter(n => n.includes('/a/')).sort());
    }
    const listed = await listAll(`${prefix}/burst/`);
    expect(
      listed.flatMap(p => p.SecretList?.map(s => s.Name) ?? []).sort(),
    ).toEqual([...burst].sort());
  });

  it('BatchGetSecretValue by id returns each current value, and an error for a missing id', async () => {
    const missing = `${prefix}/missing`;
    const { SecretValues = [], Errors = [] } = await aws.sm.send(
      new BatchGetSecretValueCommand({
        SecretIdList: [names[0], names[5], missing],
      }),
    );

    expect(SecretValues.map(v => [v.Name, v.SecretString]).sort()).toEqual(
      [names[0], names[5]].map(n => [n, `value of ${n}`]).sort(),
    );
    expect(
      SecretValues.every(v => v.VersionStages?.includes('AWSCURRENT')),
    ).toBe(true);
    expect(Errors.map(e => [e.SecretId, e.ErrorCode])).toEqual([
      [missing, 'ResourceNotFoundException'],
    ]);
  });

  it('BatchGetSecretValue by filter returns the matching secrets', async () => {
    const { SecretValues = [] } = await aws.sm.send(
      new BatchGetSecretValueCommand({
        Filters: [{ Key: 'name', Values: [`${prefix}/b/`] }],
      }),
    );

    expect(SecretValues.map(v => v.Name)).toEqual([names[5]]);
  });

  it('tags: set on create, added and replaced by TagResource, removed by UntagResource, shown by DescribeSecret and ListSecrets', async () => {
    const name = names[1];
    const tagsOf = async () =>
      (
        await aws.sm.send(new DescribeSecretCommand({ SecretId: name }))
      ).Tags?.sort((x, y) => x.Key!.localeCompare(y.Key!));
    expect(await tagsOf()).toEqual([{ Key: 'conformance/owner', Value: 'a' }]);

    await aws.sm.send(
      new TagResourceCommand({
        SecretId: name,
        Tags: [
          { Key: 'conformance/owner', Value: 'b' },
          { Key: 'secrets-sync.io/managed', Value: 'true' },
        ],
      }),
    );
    expect(await tagsOf()).toEqual([
      { Key: 'conformance/owner', Value: 'b' },
      { Key: 'secrets-sync.io/managed', Value: 'true' },
    ]);
    const [listed] = await listAll(name);
    expect(listed.SecretList?.[0]?.Tags).toContainEqual({
      Key: 'secrets-sync.io/managed',
      Value: 'true',
    });

    await aws.sm.send(
      new UntagResourceCommand({
        SecretId: name,
        TagKeys: ['conformance/owner'],
      }),
    );
    expect(await tagsOf()).toEqual([
      { Key: 'secrets-sync.io/managed', Value: 'true' },
    ]);
  });

  it('the tag-key filter matches secrets carrying the key', async () => {
    const { SecretList = [] } = await aws.sm.send(
      new ListSecretsCommand({
        Filters: [
          { Key: 'name', Values: [`${prefix}/`] },
          { Key: 'tag-key', Values: ['conformance/marked'] },
        ],
      }),
    );

    expect(SecretList.map(s => s.Name).sort()).toEqual(
      [names[0], names[2]].sort(),
    );
  });
});
