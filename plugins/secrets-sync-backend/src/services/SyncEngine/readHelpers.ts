import { renderTemplate } from '@internal/plugin-secrets-sync-common';
import type { EngineConfig } from '../../config';
import type { ClusterConfig } from '../Kubernetes';
import type { SyncTarget } from './types';

type ContractByEngine = {
  [E in EngineConfig as E['type']]: E['contract'];
};

/** The contract of a target's engine, which must be of the given type. */
export function engineContract<T extends EngineConfig['type']>(
  target: SyncTarget,
  type: T,
): ContractByEngine[T] {
  const { engine } = target.environment;
  if (engine.type !== type) {
    throw new Error(
      `Environment ${target.environment.name} uses the ${engine.type} engine`,
    );
  }
  return engine.contract as ContractByEngine[T];
}

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

/** A read's value or its error, so one failing hop never hides the others. */
export async function settle<T>(
  promise: Promise<T>,
): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error: error ?? new Error('Unknown error') };
  }
}
