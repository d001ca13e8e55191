/**
 * The keys and names of the `namespace-annotation` sync contract
 * (docs/operator-contract.md):
 * the portal writes AWS Secrets Manager and annotates the namespace, an
 * operator materialises the Kubernetes Secret. The backend and the reference
 * operator both import these, so the contract has one definition.
 *
 * @public
 */
export interface NamespaceAnnotationContract {
  /** Namespace name template; `{tenant}` is replaced by the tenant key. */
  namespaceTemplate: string;
  /** AWS Secrets Manager secret name template; `{tenant}` is the tenant key. */
  awsKeyTemplate: string;
  /** Namespace annotation whose value `enabledValue` opts the namespace in. */
  optInAnnotation: string;
  /** Value of `optInAnnotation` that means "sync enabled". */
  enabledValue: string;
  /** Namespace annotation bumped to a unix timestamp to force a re-read. */
  forceSyncAnnotation: string;
  /** Name of the Kubernetes Secret the operator owns in the namespace. */
  secretName: string;
  /** Labels a Secret must carry for the operator to treat it as its own. */
  ownerLabels: Record<string, string>;
}

/**
 * The contract's defaults (docs/operator-contract.md, "Names"): namespace
 * `sites-<site>`, AWS key `sites/<site>/build`, Secret `build-secrets`.
 *
 * @public
 */
export const DEFAULT_NAMESPACE_ANNOTATION_CONTRACT: NamespaceAnnotationContract =
  Object.freeze({
    namespaceTemplate: 'sites-{tenant}',
    awsKeyTemplate: 'sites/{tenant}/build',
    optInAnnotation: 'deco.sites/build-secrets-managed',
    enabledValue: 'enabled',
    forceSyncAnnotation: 'deco.sites/build-secrets-sync',
    secretName: 'build-secrets',
    ownerLabels: Object.freeze({
      'deco.sites/managed-by': 'operator',
      'deco.sites/feature': 'build-secrets',
    }) as Record<string, string>,
  });

/**
 * The part of a Kubernetes object's metadata the contract reads; a
 * `V1ObjectMeta` is one.
 *
 * @public
 */
export interface ContractObjectMetadata {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}
