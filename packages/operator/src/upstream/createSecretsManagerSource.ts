import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { UpstreamErrorKind, UpstreamReadError, UpstreamSource } from './types';
import {
  InvalidUpstreamDocumentError,
  parseSecretDocument,
} from './parseSecretDocument';

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'CredentialsProviderError',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'TimeoutError',
]);

/**
 * Builds the Secrets Manager client from the standard AWS SDK v3 chain:
 * region and credentials from the environment, shared config, IRSA or Pod
 * Identity; the endpoint override only for local emulators.
 *
 * @public
 */
export function createSecretsManagerClient(options: {
  region?: string;
  endpoint?: string;
}): SecretsManagerClient {
  return new SecretsManagerClient({
    region: options.region,
    endpoint: options.endpoint,
    maxAttempts: 3,
  });
}

/**
 * Reads tenant documents from AWS Secrets Manager. A secret that does not
 * exist is `missing` (seed 001: lazy creation, "no upstream data yet" is
 * normal); one scheduled for deletion is an error, see below.
 *
 * @public
 */
export function createSecretsManagerSource(
  client: Pick<SecretsManagerClient, 'send'>,
): UpstreamSource {
  return {
    async read(key) {
      let secretString: string | undefined;
      try {
        // AWSCURRENT is AWS's default; naming it keeps emulators that
        // track a separate "default version" (moto, after
        // UpdateSecretVersionStage) on the version AWS would return.
        const output = await client.send(
          new GetSecretValueCommand({
            SecretId: key,
            VersionStage: 'AWSCURRENT',
          }),
        );
        secretString = output.SecretString;
      } catch (error) {
        if (isMissing(error)) {
          return { state: 'missing' };
        }
        throw classify(key, error);
      }
      try {
        return { state: 'present', data: parseSecretDocument(secretString) };
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

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) {
    return 'UnknownError';
  }
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return code;
  }
  return typeof name === 'string' ? name : 'UnknownError';
}

function isMissing(error: unknown): boolean {
  return errorName(error) === 'ResourceNotFoundException';
}

/**
 * AWS answers InvalidRequestException for a secret scheduled for deletion.
 * That is reversible during the recovery window, so the Secret is kept and
 * the reconcile reports an error instead of treating the document as gone.
 */
function isScheduledForDeletion(error: unknown): boolean {
  return (
    errorName(error) === 'InvalidRequestException' &&
    /marked (for )?delet/i.test((error as Error).message ?? '')
  );
}

function classify(key: string, error: unknown): UpstreamReadError {
  const name = errorName(error);
  if (isScheduledForDeletion(error)) {
    return new UpstreamReadError(
      'deletion-scheduled',
      `AWS secret ${key} is scheduled for deletion: the Secret is kept until it is restored or deleted for good`,
    );
  }
  let kind: UpstreamErrorKind = 'aws-error';
  if (THROTTLING.has(name)) {
    kind = 'throttled';
  } else if (DENIED.has(name)) {
    kind = 'access-denied';
  } else if (UNREACHABLE.has(name)) {
    kind = 'unreachable';
  }
  return new UpstreamReadError(
    kind,
    `reading AWS secret ${key} failed: ${kind} (${name})`,
  );
}
