import { z } from 'zod';
import {
  DEFAULT_EXTERNAL_SECRET_CONTRACT,
  ExternalSecretContract,
} from '@internal/plugin-secrets-sync-common';
import { tenantTemplate, text } from '../../contractSchemas';

const API_GROUP = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const API_VERSION = /^v\d+((alpha|beta)\d+)?$/;

const defaults = DEFAULT_EXTERNAL_SECRET_CONTRACT;

/** The `engine` block of an `external-secret` environment, ESO's defaults applied. */
export const externalSecretContractSchema: z.ZodType<ExternalSecretContract> =
  z.object({
    namespaceTemplate: tenantTemplate(defaults.namespaceTemplate),
    awsKeyTemplate: tenantTemplate(defaults.awsKeyTemplate),
    forceSyncAnnotation: text(defaults.forceSyncAnnotation),
    apiGroup: z
      .string()
      .default(defaults.apiGroup)
      .superRefine((group, ctx) => {
        if (!API_GROUP.test(group)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${group}" is not an API group`,
          });
        }
      }),
    apiVersions: z
      .array(z.string(), {
        error: 'must list API versions such as v1, v1beta1',
      })
      .refine(
        versions =>
          versions.length > 0 &&
          versions.every(version => API_VERSION.test(version)),
        { error: 'must list API versions such as v1, v1beta1' },
      )
      .default(() => [...defaults.apiVersions]),
  });
