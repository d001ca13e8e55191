import type { V1Namespace } from '@kubernetes/client-node';
import type { NamespaceAnnotationContract } from '@internal/plugin-secrets-sync-common';

/**
 * The part of a namespace a reconcile depends on. Namespace updates that
 * leave it unchanged (labels, other annotations, status) are not worth a
 * reconcile, nor an AWS read.
 *
 * @public
 */
export function namespaceSignature(
  contract: NamespaceAnnotationContract,
  namespace: V1Namespace,
): string {
  const annotations = namespace.metadata?.annotations ?? {};
  return JSON.stringify([
    annotations[contract.optInAnnotation] ?? null,
    annotations[contract.forceSyncAnnotation] ?? null,
    Boolean(namespace.metadata?.deletionTimestamp),
  ]);
}

/**
 * True when the namespace carries the opt-in annotation with the enabled value.
 *
 * @public
 */
export function isOptedIn(
  contract: NamespaceAnnotationContract,
  namespace: V1Namespace,
): boolean {
  return (
    namespace.metadata?.annotations?.[contract.optInAnnotation] ===
    contract.enabledValue
  );
}
