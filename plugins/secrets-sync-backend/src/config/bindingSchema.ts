import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { DEFAULT_BINDING_ANNOTATION } from '@internal/plugin-secrets-sync-common';
import { z } from 'zod';
import { canonicalEntityRef } from '../lib/domain/entityRefs';
import type { BindingConfig, SecretsSyncConfig } from './types';

/**
 * An environment's `binding`: the namespace annotation naming the owning
 * entity, and the platform's tenant list when it has one, stored canonical.
 * Its keys are checked against the tenancy by {@link bindingTenantIssues}.
 */
export const bindingSchema = z
  .object({
    annotation: z
      .string()
      .default(DEFAULT_BINDING_ANNOTATION)
      .superRefine((annotation, ctx) => {
        if (!KubernetesValidatorFunctions.isValidAnnotationKey(annotation)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${annotation}" is not a Kubernetes annotation key`,
          });
        }
      }),
    tenants: z
      .record(z.string(), z.unknown(), {
        error: 'must map tenant keys to entity refs',
      })
      .transform((tenants, ctx) => {
        const canonical: Record<string, string> = {};
        for (const [tenantKey, ref] of Object.entries(tenants)) {
          const entityRef =
            typeof ref === 'string' ? canonicalEntityRef(ref) : undefined;
          if (!entityRef) {
            ctx.addIssue({
              code: 'custom',
              path: [`["${tenantKey}"]`],
              message:
                'must be an entity ref with its kind, such as component:default/web',
            });
          } else {
            canonical[tenantKey] = entityRef;
          }
        }
        return canonical;
      })
      .optional(),
  })
  .default({ annotation: DEFAULT_BINDING_ANNOTATION })
  .transform(
    ({ annotation, tenants }): BindingConfig =>
      tenants ? { annotation, tenants } : { annotation },
  );

/**
 * What is wrong with a binding's tenant list under the tenancy: keys the
 * tenant key pattern refuses, entities of kinds that are not tenants.
 * Paths are relative to the binding.
 */
export function bindingTenantIssues(
  binding: BindingConfig,
  tenancy: Pick<SecretsSyncConfig, 'tenantKeyPattern' | 'tenantKinds'>,
): Array<{ path: string[]; message: string }> {
  return Object.entries(binding.tenants ?? {}).flatMap(([tenantKey, ref]) => {
    const path = ['tenants', `["${tenantKey}"]`];
    if (!tenancy.tenantKeyPattern.test(tenantKey)) {
      return [
        {
          path,
          message: `tenant key "${tenantKey}" does not match secretsSync.tenantKeyPattern`,
        },
      ];
    }
    const { kind } = parseEntityRef(ref);
    return tenancy.tenantKinds.includes(kind)
      ? []
      : [
          {
            path,
            message: `binds to a ${kind}, which is not one of secretsSync.tenantKinds`,
          },
        ];
  });
}
