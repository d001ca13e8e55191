import { awsSecretRefOf, clusterOf, namespaceOf, settle } from './readHelpers';
import type { EngineDeps, EngineFacts, SyncTarget } from './types';

/** The facts every engine reads the same way: AWS, the namespace, its workloads. */
export type SharedFacts = Pick<
  EngineFacts,
  'readAt' | 'aws' | 'namespace' | 'workloads' | 'kubernetesAsOf'
>;

/**
 * Reads the AWS secret, the tenant's namespace and its workloads at once;
 * an engine runs it beside its own reads. A failed read is kept as its
 * error, so one failing hop never hides the others.
 */
export async function readSharedFacts(
  target: SyncTarget,
  deps: EngineDeps,
): Promise<SharedFacts> {
  const cluster = clusterOf(target);
  const namespaceName = namespaceOf(target);
  const ref = awsSecretRefOf(target);
  const [awsRead, namespaceRead, workloadsRead] = await Promise.all([
    settle(deps.aws.read(ref)),
    settle(deps.kubernetes.getNamespace(cluster, namespaceName)),
    settle(deps.kubernetes.listWorkloads(cluster, namespaceName)),
  ]);
  const kubernetesAsOf = deps.kubernetes.factsAsOf?.(cluster);
  return {
    readAt: deps.now(),
    ...(kubernetesAsOf ? { kubernetesAsOf } : {}),
    aws: { ref, read: awsRead },
    namespace: { name: namespaceName, read: namespaceRead },
    workloads: workloadsRead,
  };
}
