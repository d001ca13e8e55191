import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import { canonicalEntityRef } from '../lib/entityRefs';
import { check } from './InvalidConfigError';
import type { BindingConfig, SecretsSyncConfig } from './types';

/**
 * Reads an environment's `binding`: the namespace annotation naming the
 * owning entity, and the platform's tenant list when it has one, each entry
 * checked against the tenant key pattern and kinds and stored canonical.
 */
export function readBinding(
  config: Config,
  path: string,
  tenancy: Pick<SecretsSyncConfig, 'tenantKeyPattern' | 'tenantKinds'>,
): BindingConfig {
  const annotation =
    config.getOptionalString('binding.annotation') ??
    DEFAULT_BINDING_ANNOTATION;
  check(
    KubernetesValidatorFunctions.isValidAnnotationKey(annotation),
    `${path}.binding.annotation`,
    `"${annotation}" is not a Kubernetes annotation key`,
  );
  if (!config.has('binding.tenants')) {
    return { annotation };
  }
  const raw = config.get('binding.tenants');
  check(
    typeof raw === 'object' && raw !== null && !Array.isArray(raw),
    `${path}.binding.tenants`,
    'must map tenant keys to entity refs',
  );
  const tenants: Record<string, string> = {};
  for (const [tenantKey, ref] of Object.entries(raw)) {
    const key = `${path}.binding.tenants["${tenantKey}"]`;
    check(
      tenancy.tenantKeyPattern.test(tenantKey),
      key,
      `tenant key "${tenantKey}" does not match secretsSync.tenantKeyPattern`,
    );
    const canonical =
      typeof ref === 'string' ? canonicalEntityRef(ref) : undefined;
    check(
      canonical !== undefined,
      key,
      'must be an entity ref with its kind, such as component:default/web',
    );
    check(
      tenancy.tenantKinds.includes(parseEntityRef(canonical).kind),
      key,
      `binds to a ${
        parseEntityRef(canonical).kind
      }, which is not one of secretsSync.tenantKinds`,
    );
    tenants[tenantKey] = canonical;
  }
  return { annotation, tenants };
}
