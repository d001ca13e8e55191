import {
  CreateSecretCommand,
  DescribeSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { PrivateAws, startPrivateAws } from '../privateAws';
import { SANDBOX_ACCOUNTS } from '../sandboxInfo';
import { uniquePrefix } from './conformanceKit';

jest.setTimeout(60_000);

/**
 * An access key id names its account (`sts:GetAccessKeyInfo`), and assumed
 * credentials act in the role's account until they expire. The stack's
 * emulator keeps that true across its own restart (`sandbox.sh
 * restart-aws`), where plain moto 5.2.5 maps every key it issued before to
 * its default account, so clients caching credentials (the backend, the
 * operators, ESO) would read and write another account.
 */
describe.each([
  // name, moto's own mapping, account after the restart, account GetAccessKeyInfo names
  ['the stack’s moto', false, SANDBOX_ACCOUNTS.dev, SANDBOX_ACCOUNTS.prod],
  ['plain moto, for contrast', true, '123456789012', SANDBOX_ACCOUNTS.dev],
] as const)(
  'conformance: credentials across a restart of %s',
  (_, plainAccounts, after, keyAccount) => {
    let aws: PrivateAws;

    beforeAll(async () => {
      aws = await startPrivateAws({ plainAccounts });
    });

    afterAll(async () => {
      await aws?.stop();
    });

    it(`credentials issued before the restart act in account ${after} after it`, async () => {
      const config = await aws.clientConfigFor(SANDBOX_ACCOUNTS.dev);
      const sts = new STSClient(config);
      const sm = new SecretsManagerClient(config);
      const name = `${uniquePrefix('restart')}/kept`;
      try {
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(
          SANDBOX_ACCOUNTS.dev,
        );

        await aws.restart();

        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(
          after,
        );
        const created = await sm.send(
          new CreateSecretCommand({ Name: name, SecretString: '{}' }),
        );
        expect(created.ARN).toContain(`:${after}:secret:`);
        // fresh credentials of the account see what the old ones wrote there
        const fresh = new SecretsManagerClient(
          await aws.clientConfigFor(after),
        );
        const described = await fresh.send(
          new DescribeSecretCommand({ SecretId: name }),
        );
        expect(described.ARN).toBe(created.ARN);
        fresh.destroy();
      } finally {
        sts.destroy();
        sm.destroy();
      }
    });

    it(`GetAccessKeyInfo of a key issued for account ${SANDBOX_ACCOUNTS.prod} names ${keyAccount}`, async () => {
      const config = await aws.clientConfigFor(SANDBOX_ACCOUNTS.prod);
      const main = new STSClient(
        await aws.clientConfigFor(SANDBOX_ACCOUNTS.dev),
      );
      try {
        const info = await main.send(
          new GetAccessKeyInfoCommand({
            AccessKeyId: config.credentials.accessKeyId,
          }),
        );
        expect(info.Account).toBe(keyAccount);
      } finally {
        main.destroy();
      }
    });
  },
);
