import { z } from 'zod';
import { tenantTemplate, text } from '../../contractSchemas';

/** ESO's PushSecret API and the names seed 000's design uses. */
export const DEFAULT_PUSH_SECRET_CONTRACT = {
  namespaceTemplate: 'sites-{tenant}',
  awsKeyTemplate: 'sites/{tenant}/build',
  sourceSecretTemplate: 'build-secrets',
  forceSyncAnnotation: 'force-sync',
  apiGroup: 'external-secrets.io',
  apiVersion: 'v1alpha1',
  ownerLabels: { 'app.kubernetes.io/managed-by': 'secrets-sync' },
} as const;

const defaults = DEFAULT_PUSH_SECRET_CONTRACT;

/**
 * The `engine` block of a `push-secret` environment: the management
 * namespace (in the environment's cluster) holding the tenant's source
 * Secret, that Secret's name, the AWS secret the PushSecrets push it to,
 * and the labels marking a source Secret as the backend's to write.
 */
export const pushSecretContractSchema = z.object({
  namespaceTemplate: tenantTemplate(defaults.namespaceTemplate),
  awsKeyTemplate: tenantTemplate(defaults.awsKeyTemplate),
  sourceSecretTemplate: text(defaults.sourceSecretTemplate),
  forceSyncAnnotation: text(defaults.forceSyncAnnotation),
  apiGroup: text(defaults.apiGroup),
  apiVersion: text(defaults.apiVersion),
  ownerLabels: z
    .record(z.string(), z.string(), {
      error: 'must map label names to values',
    })
    .default(() => ({ ...defaults.ownerLabels })),
});

/** A `push-secret` environment's contract, defaults applied. */
export type PushSecretContract = z.infer<typeof pushSecretContractSchema>;
