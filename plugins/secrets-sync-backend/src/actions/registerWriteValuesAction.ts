import { callRoutesAsCaller } from './callRoutesAsCaller';
import type { ActionDeps } from './types';

/**
 * `write-values`: the write route (`POST …/values`) as an action. Key names
 * and values travel only in the action's `secrets`, which the actions
 * registry keeps out of the input an MCP server or a log may show; the
 * input names the entity, the environments and the mode. The output is each
 * environment's outcome and AWS version id, never a value.
 */
export function registerWriteValuesAction(deps: ActionDeps) {
  const { actionsRegistry, auth, discovery } = deps;
  actionsRegistry.register({
    name: 'write-values',
    title: "Write a component's secret values",
    description:
      "Writes secret values of a catalog component to one or more environments, as the calling user (the entity's owners may write; restricted environments also need confirmRestricted and the restricted permission). The values go in the action's secrets, never in its input; the answer never contains a value.",
    attributes: { readOnly: false, destructive: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The component, such as component:default/checkout-web'),
          environments: z
            .array(z.string())
            .min(1)
            .describe('The environments to write to, by name'),
          mode: z
            .enum(['merge', 'replace'])
            .optional()
            .describe(
              'merge (default) keeps the keys not named; replace makes the secret exactly the given keys',
            ),
          unset: z
            .array(z.string())
            .optional()
            .describe('Key names to remove (mode merge only)'),
          confirmRestricted: z
            .boolean()
            .optional()
            .describe('Must be true to write to a restricted environment'),
        }),
      secrets: z =>
        z.object({
          values: z
            .record(z.string())
            .describe(
              'The key names and values to set; key names must be valid environment variable names',
            ),
        }),
      output: z =>
        z.object({
          results: z.array(
            z.object({
              environment: z.string(),
              outcome: z.enum(['written', 'unchanged', 'failed']),
              versionId: z.string().optional(),
              keys: z.array(z.string()).optional(),
              message: z.string().optional(),
            }),
          ),
        }),
    },
    async action({ input, secrets, credentials }) {
      const { results } = await callRoutesAsCaller({
        auth,
        discovery,
        credentials,
      }).writeValues(input.entityRef, {
        environments: input.environments,
        set: secrets.values,
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.unset ? { unset: input.unset } : {}),
        confirmRestricted: input.confirmRestricted ?? false,
      });
      return {
        output: {
          results: results.map(result => {
            const message = result.error?.message ?? result.warning;
            return {
              environment: result.environment,
              outcome: result.outcome,
              ...(result.versionId ? { versionId: result.versionId } : {}),
              ...(result.keys ? { keys: result.keys } : {}),
              ...(message ? { message } : {}),
            };
          }),
        },
      };
    },
  });
}
