import type {
  ContractObjectMetadata,
  NamespaceAnnotationContract,
} from './namespaceAnnotationContract';

/**
 * The opt-in rule: a namespace asks for its Secret when its opt-in
 * annotation holds exactly the enabled value (not trimmed, not case-folded,
 * as the operator compares it). A missing namespace has not opted in.
 *
 * @param contract - the contract naming the annotation and its value
 * @param metadata - the namespace's metadata, if the namespace exists
 * @public
 */
export function isNamespaceOptedIn(
  contract: Pick<
    NamespaceAnnotationContract,
    'optInAnnotation' | 'enabledValue'
  >,
  metadata: ContractObjectMetadata | undefined,
): boolean {
  return (
    metadata?.annotations?.[contract.optInAnnotation] === contract.enabledValue
  );
}
