import type { V1Namespace } from '@kubernetes/client-node';
import {
  isNamespaceOptedIn,
  type NamespaceAnnotationContract,
} from '@internal/plugin-secrets-sync-common';

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
 * True when the namespace carries the opt-in annotation with the enabled
 * value: the contract's opt-in rule, which the portal applies too.
 *
 * @public
 */
export function isOptedIn(
  contract: NamespaceAnnotationContract,
  namespace: V1Namespace,
): boolean {
  return isNamespaceOptedIn(contract, namespace.metadata);
}
