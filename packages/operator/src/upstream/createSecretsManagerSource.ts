import {
  GetSecretValueCommand,
  SecretsManagerClient,
  SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import { UpstreamReadError, UpstreamSource } from './types';
import {
  InvalidUpstreamDocumentError,
  parseSecretDocument,
} from './parseSecretDocument';
import {
  AwsCallBounds,
  AwsClientOptions,
  boundedClientConfig,
  awsErrorName,
  classifyAwsError,
  DEFAULT_AWS_CALL_BOUNDS,
  withDeadline,
} from './awsCalls';

/**
 * Builds the Secrets Manager client from the standard AWS SDK v3 chain:
 * region and credentials from the environment, shared config, IRSA or Pod
 * Identity; the endpoint override only for local emulators. Every HTTP
 * attempt is bounded by `bounds.attemptTimeoutMs`, including the STS calls
 * of the credential chain, which inherit this client's request handler.
 *
 * @public
 */
export function createSecretsManagerClient(
  options: AwsClientOptions<SecretsManagerClientConfig['credentials']>,
): SecretsManagerClient {
  return new SecretsManagerClient(boundedClientConfig(options));
}

/**
 * Reads tenant documents from AWS Secrets Manager. A secret that does not
 * exist is `missing` (docs/operator-contract.md, "Reconcile table": "no
 * upstream data yet" is normal); one scheduled for deletion is an error,
 * see below. Each read is bounded by `bounds.callTimeoutMs` whatever the
 * client's own settings, and fails with kind `timeout` past it.
 *
 * @public
 */
export function createSecretsManagerSource(
  client: Pick<SecretsManagerClient, 'send'>,
  bounds: AwsCallBounds = DEFAULT_AWS_CALL_BOUNDS,
): UpstreamSource {
  return {
    async read(key) {
      let secretString: string | undefined;
      let versionId: string | undefined;
      try {
        // AWSCURRENT is AWS's default; naming it keeps emulators that
        // track a separate "default version" (moto, after
        // UpdateSecretVersionStage) on the version AWS would return.
        const output = await withDeadline(
          `GetSecretValue ${key}`,
          bounds.callTimeoutMs,
          abortSignal =>
            client.send(
              new GetSecretValueCommand({
                SecretId: key,
                VersionStage: 'AWSCURRENT',
              }),
              { abortSignal },
            ),
        );
        secretString = output.SecretString;
        versionId = output.VersionId;
      } catch (error) {
        if (isMissing(error)) {
          return { state: 'missing' };
        }
        throw classify(key, error);
      }
      try {
        return {
          state: 'present',
          data: parseSecretDocument(secretString),
          ...(versionId ? { versionId } : {}),
        };
      } catch (error) {
        if (error instanceof InvalidUpstreamDocumentError) {
          throw new UpstreamReadError(
            'invalid-document',
            `AWS secret ${key} cannot be synced: ${error.message}`,
          );
        }
        throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return awsErrorName(error) === 'ResourceNotFoundException';
}

/**
 * AWS answers InvalidRequestException for a secret scheduled for deletion.
 * That is reversible during the recovery window, so the Secret is kept and
 * the reconcile reports an error instead of treating the document as gone.
 */
function isScheduledForDeletion(error: unknown): boolean {
  return (
    awsErrorName(error) === 'InvalidRequestException' &&
    /marked (for )?delet/i.test((error as Error).message ?? '')
  );
}

function classify(key: string, error: unknown): UpstreamReadError {
  if (isScheduledForDeletion(error)) {
    return new UpstreamReadError(
      'deletion-scheduled',
      `AWS secret ${key} is scheduled for deletion: the Secret is kept until it is restored or deleted for good`,
    );
  }
  return classifyAwsError(`reading AWS secret ${key}`, error);
}
