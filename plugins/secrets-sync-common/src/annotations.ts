/**
 * Entity annotation naming the tenant key (the `<site>` of `sites/<site>/build`).
 * Defaults to the entity name when the entity opts in through
 * {@link SECRETS_SYNC_ENVIRONMENTS_ANNOTATION} only.
 *
 * @public
 */
export const SECRETS_SYNC_TENANT_KEY_ANNOTATION = 'secrets-sync.io/tenant-key';

/**
 * Entity annotation listing the environments the component runs in,
 * comma separated (`dev, prod`). Inherited from the entity's System when absent.
 *
 * @public
 */
export const SECRETS_SYNC_ENVIRONMENTS_ANNOTATION =
  'secrets-sync.io/environments';

/**
 * Namespace annotation, set by the platform (never the tenant), naming the
 * entity ref that owns the namespace and its secret. The default of each
 * environment's `binding.annotation`.
 *
 * @public
 */
export const DEFAULT_BINDING_ANNOTATION = 'secrets-sync.io/entity';
