import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import type { AnyEngineDefinition } from '../services/SyncEngine/types';
import { bindingSchema } from './bindingSchema';
import { httpUrl } from './configSchemas';
import { engineSchema } from './engineSchema';
import type { EnvironmentConfig, KubernetesAuthConfig } from './types';

const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const AWS_ACCOUNT_ID = /^\d{12}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** A string that must match a pattern, refused with a message quoting it (never a secret). */
function matching(pattern: RegExp, problem: (value: string) => string) {
  return z.string().superRefine((value, ctx) => {
    if (!pattern.test(value)) {
      ctx.addIssue({ code: 'custom', message: problem(value) });
    }
  });
}

const AUTH_TYPES = ['serviceAccountToken', 'aws'];

/** `kubernetes.auth`: a static token, or an EKS token signed with the account's credentials. */
const authSchema = z
  .looseObject({
    type: z.string(),
    token: z.string().optional(),
    clusterName: z.string().optional(),
  })
  .superRefine((auth, ctx) => {
    if (!AUTH_TYPES.includes(auth.type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `unknown auth type "${auth.type}"; known: ${AUTH_TYPES.join(
          ', ',
        )}`,
      });
    } else if (
      auth.type === 'serviceAccountToken' &&
      auth.token === undefined
    ) {
      ctx.addIssue({ code: 'custom', path: ['token'], message: 'is required' });
    }
  });

const kubernetesSchema = z.object({
  name: z.string(),
  url: httpUrl,
  caFile: z.string().optional(),
  caData: z.string().optional(),
  skipTLSVerify: z.boolean().default(false),
  auth: authSchema,
});

function toAuth(
  auth: z.infer<typeof authSchema>,
  clusterName: string,
): KubernetesAuthConfig {
  return auth.type === 'serviceAccountToken'
    ? { type: 'serviceAccountToken', token: auth.token! }
    : { type: 'aws', clusterName: auth.clusterName ?? clusterName };
}

/**
 * One entry of `secretsSync.environments`, every default applied; its
 * `engine` block is read by the schema of the engine it names.
 */
export function environmentSchema(engines: readonly AnyEngineDefinition[]) {
  return z
    .object({
      name: matching(
        ENVIRONMENT_NAME,
        name => `"${name}" must be a lowercase DNS label`,
      ),
      title: z.string().optional(),
      restricted: z.boolean().default(false),
      aws: z.object({
        accountId: matching(
          AWS_ACCOUNT_ID,
          id => `"${id}" is not a 12-digit AWS account id (quote it in YAML)`,
        ),
        region: matching(
          AWS_REGION,
          region => `"${region}" is not an AWS region`,
        ),
        endpoint: httpUrl.optional(),
      }),
      kubernetes: kubernetesSchema,
      engine: engineSchema(engines),
      binding: bindingSchema,
    })
    .superRefine((env, ctx) => {
      // the backend patches these annotations for the tenant; were the
      // binding one of them, a tenant could bind a namespace to itself
      const patched = Object.entries(env.engine.contract).filter(
        ([key, value]) =>
          key.endsWith('Annotation') && value === env.binding.annotation,
      );
      if (patched.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['binding', 'annotation'],
          message: `"${env.binding.annotation}" is also the engine's ${patched
            .map(([key]) => key)
            .join(
              ', ',
            )}, which the backend sets on a tenant's behalf; the binding must be an annotation only the platform sets`,
        });
      }
    })
    .transform(
      (env): EnvironmentConfig => ({
        name: env.name,
        title: env.title ?? env.name,
        restricted: env.restricted,
        aws: {
          accountId: env.aws.accountId,
          region: env.aws.region,
          endpoint: env.aws.endpoint,
        },
        kubernetes: {
          name: env.kubernetes.name,
          url: env.kubernetes.url,
          caFile: env.kubernetes.caFile
            ? resolvePath(env.kubernetes.caFile)
            : undefined,
          caData: env.kubernetes.caData,
          skipTLSVerify: env.kubernetes.skipTLSVerify,
          auth: toAuth(env.kubernetes.auth, env.kubernetes.name),
        },
        engine: env.engine,
        binding: env.binding,
      }),
    );
}
