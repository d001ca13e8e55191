/**
 * The keys and names of the `external-secret` sync engine (docs/engines.md): the
 * portal writes AWS Secrets Manager, and an External Secrets Operator
 * ExternalSecret in the tenant's namespace, whose remote key is that
 * secret, pulls it into the cluster.
 *
 * @public
 */
export interface ExternalSecretContract {
  /** Namespace name template; `{tenant}` is replaced by the tenant key. */
  namespaceTemplate: string;
  /** AWS Secrets Manager secret name template; `{tenant}` is the tenant key. */
  awsKeyTemplate: string;
  /** ExternalSecret annotation bumped to a unix timestamp to force a refresh. */
  forceSyncAnnotation: string;
  /** API group serving ExternalSecret. */
  apiGroup: string;
  /** Versions of `apiGroup` to read, preferred first; older clusters serve only `v1beta1`. */
  apiVersions: string[];
}

/**
 * ESO's own names: annotation `force-sync`, group `external-secrets.io` at
 * `v1`, falling back to `v1beta1`; namespace and key as the operator
 * contract's (docs/operator-contract.md).
 *
 * @public
 */
export const DEFAULT_EXTERNAL_SECRET_CONTRACT: ExternalSecretContract =
  Object.freeze({
    namespaceTemplate: 'sites-{tenant}',
    awsKeyTemplate: 'sites/{tenant}/build',
    forceSyncAnnotation: 'force-sync',
    apiGroup: 'external-secrets.io',
    apiVersions: Object.freeze(['v1', 'v1beta1']) as string[],
  });
