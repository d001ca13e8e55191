import type {
  ContractObjectMetadata,
  NamespaceAnnotationContract,
} from './namespaceAnnotationContract';

/**
 * True when a Secret's labels include every owner label of the contract.
 * The contract's adoption safety (docs/operator-contract.md, reconcile rows
 * 3 and 9): a Secret of the contract's name without them
 * is a hand-made one the operator never touches.
 *
 * @param contract - the contract naming the owner labels
 * @param labels - the Secret's labels
 * @public
 */
export function isOwnedByOperator(
  contract: Pick<NamespaceAnnotationContract, 'ownerLabels'>,
  labels: ContractObjectMetadata['labels'] | undefined,
): boolean {
  return Object.entries(contract.ownerLabels).every(
    ([key, value]) => labels?.[key] === value,
  );
}
