import { renderTemplate } from '@internal/plugin-secrets-sync-common';
import type { EngineContract } from '../../config';
import type { AwsSecretRef } from '../AwsSecrets';
import type { ClusterConfig } from '../Kubernetes';
import type { Settled, SyncTarget } from './types';

/** The tenant's namespace in a target's environment, by its engine's template. */
export function namespaceOf(target: SyncTarget): string {
  return renderTemplate(
    target.environment.engine.contract.namespaceTemplate,
    target.tenantKey,
  );
}

/** The cluster of a target's environment, with the account that signs EKS tokens. */
export function clusterOf(target: SyncTarget): ClusterConfig {
  return { ...target.environment.kubernetes, aws: target.environment.aws };
}

/** The AWS secret of a target: the environment's account, the engine's key template. */
export function awsSecretRefOf(target: SyncTarget): AwsSecretRef {
  return {
    accountId: target.environment.aws.accountId,
    region: target.environment.aws.region,
    endpoint: target.environment.aws.endpoint,
    name: renderTemplate(
      target.environment.engine.contract.awsKeyTemplate,
      target.tenantKey,
    ),
  };
}

/**
 * The fixed start of every name a key template renders (the part before
 * `{tenant}`), which `ListSecrets` filters a fleet pass's reads by.
 */
export function awsNamePrefixOf(contract: EngineContract): string {
  return contract.awsKeyTemplate.split('{tenant}')[0];
}

/** A read's value or its error, so one failing hop never hides the others. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error: error ?? new Error('Unknown error') };
  }
}
