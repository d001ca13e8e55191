import type {
  AuthService,
  DiscoveryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseEntityParams } from '@internal/plugin-secrets-sync-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createUserClient } from '../client/createUserClient';
import { collectValues, DEFAULT_SECRETS_PREFIX } from './collectValues';
import { dryRunWrite } from './dryRunWrite';
import { writeActionExamples } from './writeActionExamples';

/**
 * Creates the `secrets-sync:write` scaffolder action: writes a component's
 * secret values to one or more environments through the secrets-sync
 * backend's write route, on behalf of the person who runs the task, so the
 * route's permissions, restricted rule, tenant binding, validation, rate
 * limits and audit apply exactly as they do to the write dialog. Key names
 * come from the input, values only from the task's secrets; the output and
 * the task log carry key names, outcomes and AWS version ids, never a value.
 *
 * @public
 */
export function createSecretsSyncWriteAction(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  permissions: PermissionsService;
}) {
  const { auth, discovery, permissions } = options;
  return createTemplateAction({
    id: 'secrets-sync:write',
    description:
      "Writes a component's secret values to its environments: key names in the input, values only from the task's secrets (${{ secrets.* }}), as the person who runs the task",
    examples: writeActionExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe('The component, such as component:default/checkout-web'),
        environments: z =>
          z
            .array(z.string())
            .min(1)
            .describe('The environments to write to, by name'),
        keys: z =>
          z
            .array(z.string())
            .describe(
              "The key names to set; each value is read from the task's secrets at secretsPrefix + key",
            ),
        unset: z =>
          z
            .array(z.string())
            .optional()
            .describe('Key names to remove (mode merge only)'),
        mode: z =>
          z
            .enum(['merge', 'replace'])
            .optional()
            .describe(
              'merge (default) keeps the keys not named; replace makes the secret exactly these keys',
            ),
        secretsPrefix: z =>
          z
            .string()
            .optional()
            .describe(
              `Where the values are in the task's secrets; defaults to ${DEFAULT_SECRETS_PREFIX}`,
            ),
        enableSync: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also enable sync in each environment written to, so the operator materialises the Secret',
            ),
        confirmRestricted: z =>
          z
            .boolean()
            .optional()
            .describe('Must be true to write to a restricted environment'),
      },
      output: {
        results: z =>
          z
            .array(
              z.object({
                environment: z.string(),
                outcome: z.enum([
                  'written',
                  'unchanged',
                  'failed',
                  'validated',
                ]),
                versionId: z.string().optional(),
                syncEnabled: z.boolean().optional(),
                message: z.string().optional(),
              }),
            )
            .describe(
              'One entry per environment: what happened and the AWS version id; never a value',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      let parsed;
      try {
        parsed = parseEntityRef(input.entityRef, { defaultKind: 'component' });
      } catch {
        throw new InputError(
          'entityRef must be an entity reference such as component:default/checkout-web',
        );
      }
      // by the routes' rules: a `..` part would be resolved away by the URL
      const entity = parseEntityParams(parsed, 'in entityRef');
      const mode = input.mode ?? 'merge';
      const set = collectValues({
        keys: input.keys,
        secrets: ctx.secrets,
        secretsPrefix: input.secretsPrefix ?? DEFAULT_SECRETS_PREFIX,
      });
      const confirmRestricted = input.confirmRestricted ?? false;
      const credentials = await ctx.getInitiatorCredentials();
      const client = createUserClient({ auth, discovery, credentials });
      const keyList = Object.keys(set).join(', ') || 'no keys';

      if (ctx.isDryRun) {
        await dryRunWrite({
          client,
          permissions,
          credentials,
          entity,
          environments: input.environments,
          values: set,
          confirmRestricted,
        });
        ctx.logger.info(
          `Dry run: ${keyList} would be written to ${input.environments.join(
            ', ',
          )}; nothing was written`,
        );
        ctx.output(
          'results',
          input.environments.map(environment => ({
            environment,
            outcome: 'validated' as const,
          })),
        );
        return;
      }

      const { results } = await client.writeValues(entity, {
        environments: input.environments,
        set,
        mode,
        ...(mode === 'merge' && input.unset ? { unset: input.unset } : {}),
        confirmRestricted,
      });
      const output = [];
      for (const result of results) {
        let syncEnabled: boolean | undefined;
        if (input.enableSync && result.outcome !== 'failed') {
          syncEnabled = (
            await client.setSyncEnabled(entity, result.environment, {
              enabled: true,
              confirmRestricted,
            })
          ).enabled;
        }
        const message = result.error?.message ?? result.warning;
        ctx.logger.info(
          `${result.environment}: ${result.outcome}${
            result.versionId ? ` (AWS version ${result.versionId})` : ''
          }${syncEnabled ? ', sync enabled' : ''}${
            message ? `: ${message}` : ''
          }`,
        );
        output.push({
          environment: result.environment,
          outcome: result.outcome,
          ...(result.versionId ? { versionId: result.versionId } : {}),
          ...(syncEnabled !== undefined ? { syncEnabled } : {}),
          ...(message ? { message } : {}),
        });
      }
      ctx.output('results', output);
      const failed = results.filter(result => result.outcome === 'failed');
      if (failed.length) {
        throw new Error(
          `Writing failed in ${failed
            .map(
              result =>
                `${result.environment} (${
                  result.error?.message ?? 'no reason given'
                })`,
            )
            .join('; ')}; the other environments were written`,
        );
      }
    },
  });
}
