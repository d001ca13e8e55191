import {
  CreateSecretCommand,
  DescribeSecretCommand,
  ListSecretsCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  AccountClients,
  clientsFor,
  errorName,
  uniquePrefix,
} from './conformanceKit';

/**
 * STS AssumeRole per account, as the backend (through
 * `@backstage/integration-aws-node`), the operators and ESO use it: the
 * credentials of `arn:aws:iam::<account>:role/<role>` act in that account
 * and see nothing of another.
 */
describe('conformance: AssumeRole acts in the role’s account', () => {
  const name = `${uniquePrefix('accounts')}/same-name`;
  let dev: AccountClients;
  let prod: AccountClients;

  beforeAll(async () => {
    dev = await clientsFor('dev');
    prod = await clientsFor('prod', 'secrets-sync-operator');
  });

  afterAll(() => {
    dev?.destroy();
    prod?.destroy();
  });

  it('GetCallerIdentity names the role’s account and the assumed role', async () => {
    for (const [clients, role] of [
      [dev, 'secrets-sync-backend'],
      [prod, 'secrets-sync-operator'],
    ] as const) {
      const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe(clients.accountId);
      expect(identity.Arn).toMatch(
        new RegExp(`^arn:aws:sts::${clients.accountId}:assumed-role/${role}/`),
      );
    }
  });

  it('a secret is created in the role’s account, and another account neither sees it nor clashes with it', async () => {
    const created = await dev.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'dev' }),
    );
    expect(created.ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:[^:]+:${dev.accountId}:secret:`),
    );

    expect(
      await errorName(
        prod.sm.send(new DescribeSecretCommand({ SecretId: name })),
      ),
    ).toBe('ResourceNotFoundException');
    const listed = await prod.sm.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [name] }] }),
    );
    expect(listed.SecretList ?? []).toEqual([]);

    const inProd = await prod.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'prod' }),
    );
    expect(inProd.ARN).toContain(`:${prod.accountId}:secret:`);
    expect((await dev.readDefault(name)).value).toBe('dev');
    expect((await prod.readDefault(name)).value).toBe('prod');
  });
});
