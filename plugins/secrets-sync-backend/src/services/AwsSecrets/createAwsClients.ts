import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { AwsSecretRef } from './types';

/**
 * Bounds on each attempt of an AWS call (the SDK sets none). The whole call,
 * retries included, is bounded by the service's call deadline.
 */
const AWS_REQUEST_TIMEOUTS = {
  connectionTimeout: 2_000,
  requestTimeout: 3_000,
};

/** Hands out one Secrets Manager client per account, region and endpoint. */
export type AwsClientFactory = (
  ref: Omit<AwsSecretRef, 'name'>,
) => Promise<SecretsManagerClient>;

/**
 * Clients are cached, so credentials of an assumed role are refreshed by the
 * SDK's provider rather than assumed again on every request.
 */
export function createAwsClients(options: {
  credentialsManager: AwsCredentialsManager;
}): AwsClientFactory {
  const clients = new Map<string, Promise<SecretsManagerClient>>();
  return ref => {
    const key = `${ref.accountId}|${ref.region}|${ref.endpoint ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = options.credentialsManager
        .getCredentialProvider({ accountId: ref.accountId })
        .then(
          provider =>
            new SecretsManagerClient({
              region: ref.region,
              endpoint: ref.endpoint,
              credentials: provider.sdkCredentialProvider,
              requestHandler: AWS_REQUEST_TIMEOUTS,
            }),
        );
      client.catch(() => clients.delete(key));
      clients.set(key, client);
    }
    return client;
  };
}
