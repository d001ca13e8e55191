import type { Environment } from '@internal/plugin-secrets-sync-common';
import type { EnvironmentConfig } from '../../config';

/** An environment as the API shows it: no credentials, no endpoint override. */
export function toEnvironmentModel(
  environment: EnvironmentConfig,
): Environment {
  return {
    name: environment.name,
    title: environment.title,
    restricted: environment.restricted,
    engine: environment.engine.type,
    aws: {
      accountId: environment.aws.accountId,
      region: environment.aws.region,
    },
    cluster: {
      name: environment.kubernetes.name,
      url: environment.kubernetes.url,
    },
  };
}
