import { z } from 'zod';
import type { EngineContract } from '../../../../config';
import { tenantTemplate, text } from '../../contractSchemas';

/**
 * The `engine` block of a `cluster-external-secret` environment: which ESO
 * ClusterExternalSecret distributes a shared secret, by name, and the AWS
 * key it pulls. `namespaceTemplate` names the namespace whose binding
 * annotation binds the shared secret to its entity when the environment has
 * no tenant list (`binding.tenants`); nothing else is read from it.
 */
export interface ClusterExternalSecretContract extends EngineContract {
  /** The ClusterExternalSecret's name; `{tenant}` is the shared secret's key. */
  clusterExternalSecretTemplate: string;
  /** The annotation of `spec.externalSecretMetadata` ESO copies onto every ExternalSecret. */
  forceSyncAnnotation: string;
  apiGroup: string;
  /** The version ClusterExternalSecrets and ExternalSecrets are read at. */
  apiVersion: string;
}

/** ESO's defaults, and the names a shared secret `db` gets: ClusterExternalSecret `db`, AWS key `shared/db`. */
export const DEFAULT_CLUSTER_EXTERNAL_SECRET_CONTRACT: ClusterExternalSecretContract =
  {
    namespaceTemplate: 'ces-{tenant}',
    awsKeyTemplate: 'shared/{tenant}',
    clusterExternalSecretTemplate: '{tenant}',
    forceSyncAnnotation: 'force-sync',
    apiGroup: 'external-secrets.io',
    apiVersion: 'v1',
  };

const defaults = DEFAULT_CLUSTER_EXTERNAL_SECRET_CONTRACT;

/** The `engine` block of a `cluster-external-secret` environment, defaults applied. */
export const clusterExternalSecretContractSchema: z.ZodType<ClusterExternalSecretContract> =
  z.object({
    namespaceTemplate: tenantTemplate(defaults.namespaceTemplate),
    awsKeyTemplate: tenantTemplate(defaults.awsKeyTemplate),
    clusterExternalSecretTemplate: tenantTemplate(
      defaults.clusterExternalSecretTemplate,
    ),
    forceSyncAnnotation: text(defaults.forceSyncAnnotation),
    apiGroup: text(defaults.apiGroup),
    apiVersion: z
      .string()
      .default(defaults.apiVersion)
      .refine(version => /^v\d+((alpha|beta)\d+)?$/.test(version), {
        error: 'must be an API version such as v1',
      }),
  });
