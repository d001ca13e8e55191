import {
  GetCallerIdentityCommand,
  STSClient,
  STSClientConfig,
} from '@aws-sdk/client-sts';
import {
  AwsCallBounds,
  AwsClientOptions,
  boundedClientConfig,
  classifyAwsError,
  DEFAULT_AWS_CALL_BOUNDS,
  withDeadline,
} from './awsCalls';

/**
 * Which AWS account the operator's credentials act in, as AWS itself says.
 *
 * @public
 */
export interface CallerIdentity {
  /**
   * The account of `sts:GetCallerIdentity`, asked afresh on every call.
   * Rejects with an `UpstreamReadError` when STS cannot be asked.
   */
  accountId(): Promise<string>;
}

/**
 * Builds the STS client from the same chain and endpoint as the Secrets
 * Manager client, so both use the same credentials. `GetCallerIdentity`
 * needs no IAM permission.
 *
 * @public
 */
export function createStsClient(
  options: AwsClientOptions<STSClientConfig['credentials']>,
): STSClient {
  return new STSClient(boundedClientConfig(options));
}

/**
 * Creates the {@link CallerIdentity}, each call bounded by
 * `bounds.callTimeoutMs`.
 *
 * @public
 */
export function createCallerIdentity(
  client: Pick<STSClient, 'send'>,
  bounds: AwsCallBounds = DEFAULT_AWS_CALL_BOUNDS,
): CallerIdentity {
  return {
    async accountId() {
      try {
        const { Account } = await withDeadline(
          'GetCallerIdentity',
          bounds.callTimeoutMs,
          abortSignal =>
            client.send(new GetCallerIdentityCommand({}), { abortSignal }),
        );
        if (!Account) {
          throw new Error('STS answered without an account');
        }
        return Account;
      } catch (error) {
        throw classifyAwsError('asking STS for the caller identity', error);
      }
    },
  };
}
