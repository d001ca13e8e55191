import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { parseSecretDocument } from '@internal/plugin-secrets-sync-common';
import { UpstreamError } from '../../lib/infra/upstreamErrors';
import type { AwsSecretRef } from '../AwsSecrets';
import type { AwsClientFactory } from '../AwsSecrets/createAwsClients';
import type { HistoryDigests } from './createHistoryDigests';

/** One version of an AWS secret as `ListSecretVersionIds` lists it. */
export interface SecretVersion {
  versionId: string;
  stages: string[];
  createdAt?: Date;
}

/** The digests of a version's document, or that it is not one the contract accepts. */
export type VersionDocument =
  | { ok: true; digests: Record<string, string> }
  | { ok: false };

/** The version-level calls of Secrets Manager that history and rollback make. */
export interface SecretVersions {
  /** Every version, deprecated ones included, oldest first. */
  list(ref: AwsSecretRef): Promise<SecretVersion[]>;
  /**
   * The digests of one version's values: the value is read, digested and
   * dropped here, never returned.
   */
  digestsOf(ref: AwsSecretRef, versionId: string): Promise<VersionDocument>;
  /**
   * Moves `AWSCURRENT` from `fromVersionId` to `toVersionId`; AWS moves
   * `AWSPREVIOUS` to the version it left. Fails, moving nothing, when
   * `AWSCURRENT` is no longer on `fromVersionId`.
   */
  moveCurrent(
    ref: AwsSecretRef,
    toVersionId: string,
    fromVersionId: string,
  ): Promise<void>;
}

/** Pages of `ListSecretVersionIds` read before the listing stops. */
const MAX_PAGES = 10;

/** Creates {@link SecretVersions} on the plugin's per-account clients. */
export function createSecretVersions(options: {
  clients: AwsClientFactory;
  digests: HistoryDigests;
}): SecretVersions {
  const { clients, digests } = options;

  async function call<T>(
    ref: AwsSecretRef,
    action: string,
    run: (client: Awaited<ReturnType<AwsClientFactory>>) => Promise<T>,
  ): Promise<T> {
    try {
      return await run(await clients(ref));
    } catch (error) {
      throw UpstreamError.from(
        'aws',
        `${action} ${ref.name} in account ${ref.accountId}`,
        error,
      );
    }
  }

  return {
    async list(ref) {
      const versions: SecretVersion[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const token = nextToken;
        const output = await call(ref, 'ListSecretVersionIds', client =>
          client.send(
            new ListSecretVersionIdsCommand({
              SecretId: ref.name,
              IncludeDeprecated: true,
              MaxResults: 100,
              ...(token ? { NextToken: token } : {}),
            }),
          ),
        );
        for (const version of output.Versions ?? []) {
          if (version.VersionId) {
            versions.push({
              versionId: version.VersionId,
              stages: version.VersionStages ?? [],
              ...(version.CreatedDate
                ? { createdAt: version.CreatedDate }
                : {}),
            });
          }
        }
        nextToken = output.NextToken || undefined;
        if (!nextToken) {
          break;
        }
      }
      // a stable sort: versions created in the same second keep AWS's order
      return versions
        .map((version, index) => ({ version, index }))
        .sort(
          (a, b) =>
            (a.version.createdAt?.getTime() ?? 0) -
              (b.version.createdAt?.getTime() ?? 0) || a.index - b.index,
        )
        .map(({ version }) => version);
    },

    async digestsOf(ref, versionId) {
      const output = await call(ref, 'GetSecretValue', client =>
        client.send(
          new GetSecretValueCommand({
            SecretId: ref.name,
            VersionId: versionId,
          }),
        ),
      );
      const parsed = parseSecretDocument(output.SecretString);
      return parsed.ok
        ? { ok: true, digests: digests.digest(parsed.values) }
        : { ok: false };
    },

    async moveCurrent(ref, toVersionId, fromVersionId) {
      await call(ref, 'UpdateSecretVersionStage', client =>
        client.send(
          new UpdateSecretVersionStageCommand({
            SecretId: ref.name,
            VersionStage: 'AWSCURRENT',
            MoveToVersionId: toVersionId,
            RemoveFromVersionId: fromVersionId,
          }),
        ),
      );
    },
  };
}
