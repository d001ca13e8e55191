/**
 * The keys and names of the `namespace-annotation` sync contract (seed 001):
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
 * Seed 001's contract: namespace `sites-<site>`, AWS key `sites/<site>/build`,
 * Secret `build-secrets`.
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
 * Fills a contract template such as `sites-{tenant}` with a tenant key.
 *
 * @public
 */
export function renderTemplate(template: string, tenantKey: string): string {
  return template.split('{tenant}').join(tenantKey);
}

/**
 * Recovers the tenant key from a namespace name, or undefined when the name
 * does not follow the template.
 *
 * @public
 */
export function tenantKeyFromNamespace(
  template: string,
  namespace: string,
): string | undefined {
  const [prefix, suffix = ''] = template.split('{tenant}');
  if (
    namespace.length <= prefix.length + suffix.length ||
    !namespace.startsWith(prefix) ||
    !namespace.endsWith(suffix)
  ) {
    return undefined;
  }
  return namespace.slice(prefix.length, namespace.length - suffix.length);
}

/**
 * True when a Secret's labels include every owner label of the contract.
 *
 * @public
 */
export function isOwnedByOperator(
  contract: Pick<NamespaceAnnotationContract, 'ownerLabels'>,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(contract.ownerLabels).every(
    ([key, value]) => labels?.[key] === value,
  );
}
