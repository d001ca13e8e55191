import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { SANDBOX_STATE_DIR } from '../sandboxInfo';
import {
  awsSharedConfig,
  awsSharedCredentials,
} from '../setup/writeClientConfigs';
import { AccountClients, clientsFor, uniquePrefix } from './conformanceKit';
import { buildGoSdkCheck, runGoSdkCheck } from './goSdkCheck';

jest.setTimeout(60_000);

/**
 * The stack's shared-config profiles work for a Go SDK v2 client, as for
 * the JavaScript SDK: `<cluster>-operator` alone (no endpoint variables)
 * assumes that account's operator role on the emulator and reads, without
 * naming a stage, the version a product-style write made current.
 */
describe('conformance: a Go SDK v2 client on the stack’s AWS profiles', () => {
  const prefix = uniquePrefix('gosdk');
  let binary: string;
  let files: { configFile: string; credentialsFile: string };

  beforeAll(async () => {
    binary = await buildGoSdkCheck();
    const endpoint = process.env.CONFORMANCE_AWS_ENDPOINT;
    if (endpoint) {
      // another emulator: the same profiles, generated for its endpoint
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gosdk-profile-'));
      files = {
        configFile: path.join(dir, 'config'),
        credentialsFile: path.join(dir, 'credentials'),
      };
      fs.writeFileSync(files.configFile, awsSharedConfig(endpoint));
      fs.writeFileSync(files.credentialsFile, awsSharedCredentials());
    } else {
      // the files the running stack wrote
      files = {
        configFile: path.join(SANDBOX_STATE_DIR, 'aws', 'config'),
        credentialsFile: path.join(SANDBOX_STATE_DIR, 'aws', 'credentials'),
      };
    }
  }, 600_000);

  /** Writes v1, then v2 as the backend does (staged put, AWSCURRENT moved). */
  async function productWrite(aws: AccountClients, name: string) {
    const { VersionId: v1 } = await aws.sm.send(
      new CreateSecretCommand({ Name: name, SecretString: '{"TOKEN":"v1"}' }),
    );
    const { VersionId: v2 } = await aws.sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: '{"TOKEN":"v2"}',
        VersionStages: ['secrets-sync-pending'],
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
    return v2!;
  }

  it.each(['dev', 'prod'] as const)(
    'assumes the %s operator role through the profile and reads the current version',
    async cluster => {
      const aws = await clientsFor(cluster);
      const name = `${prefix}/${cluster}`;
      try {
        const current = await productWrite(aws, name);

        const report = await runGoSdkCheck({
          binary,
          ...files,
          profile: `${cluster}-operator`,
          secretId: name,
        });

        expect(report.account).toBe(aws.accountId);
        expect(report.arn).toMatch(
          new RegExp(
            `^arn:aws:sts::${aws.accountId}:assumed-role/secrets-sync-operator/`,
          ),
        );
        expect(report).toMatchObject({ versionId: current });
        expect(report.versionStages).toContain('AWSCURRENT');
      } finally {
        aws.destroy();
      }
    },
  );
});
