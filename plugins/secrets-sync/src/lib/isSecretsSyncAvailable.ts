import type { Entity } from '@backstage/catalog-model';
import {
  SECRETS_SYNC_ENVIRONMENTS_ANNOTATION,
  SECRETS_SYNC_TENANT_KEY_ANNOTATION,
} from '@internal/plugin-secrets-sync-common';

/**
 * True when the entity opted in to secrets-sync through one of its
 * annotations; use it with `EntitySwitch` to show the plugin's content.
 *
 * @public
 */
export function isSecretsSyncAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[SECRETS_SYNC_TENANT_KEY_ANNOTATION] ||
      annotations[SECRETS_SYNC_ENVIRONMENTS_ANNOTATION],
  );
}
