import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';
import type { EnvironmentConfig } from '../../config';
import { toEnvironmentModel } from './toEnvironmentModel';

/**
 * An environment's topology when none of its facts were read (its engine
 * failed outright, or its facts are withheld from the caller): the
 * configured account and cluster only, no secret, key or consumer.
 */
export function unreadTopology(
  environment: EnvironmentConfig,
  facts: Pick<EnvironmentTopology, 'status' | 'reason' | 'withheld'> & {
    namespace?: string;
    namespaceExists?: boolean;
  },
): EnvironmentTopology {
  const { status, reason, withheld, namespace = '', namespaceExists } = facts;
  return {
    environment: toEnvironmentModel(environment),
    status,
    ...(withheld ? { withheld } : {}),
    ...(reason ? { reason } : {}),
    aws: {
      accountId: environment.aws.accountId,
      region: environment.aws.region,
      secretName: '',
      exists: false,
    },
    kubernetes: {
      cluster: environment.kubernetes.name,
      namespace,
      namespaceExists: namespaceExists ?? false,
      optedIn: false,
      secretName: '',
    },
    keys: [],
    consumers: [],
  };
}
