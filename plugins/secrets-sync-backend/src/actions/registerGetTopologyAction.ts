import { callRoutesAsCaller } from './callRoutesAsCaller';
import type { ActionDeps } from './types';

/**
 * `get-topology`: where a component's secrets live in each environment and
 * whether they are in sync (the route `GET …/topology`, read-only): the AWS
 * secret and its version, the namespace and Kubernetes Secret, key names
 * with their in-sync flag, and the consuming workloads. Never a value: the
 * route reads none.
 */
export function registerGetTopologyAction(deps: ActionDeps) {
  const { actionsRegistry, auth, discovery } = deps;
  actionsRegistry.register({
    name: 'get-topology',
    title: "Read a component's secrets topology and status",
    description:
      "Where a catalog component's secrets live in each environment (AWS account and secret, cluster, namespace, Kubernetes Secret, consuming workloads) and the sync status of each, with the key names and whether each is in sync. Values are never returned.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The component, such as component:default/checkout-web'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          optedIn: z.boolean(),
          environments: z.array(
            z.object({
              name: z.string(),
              restricted: z.boolean(),
              engine: z.string(),
              status: z.string(),
              reason: z.string().optional(),
              withheld: z.boolean().optional(),
              awsAccountId: z.string(),
              awsSecretName: z.string(),
              awsVersionId: z.string().optional(),
              cluster: z.string(),
              namespace: z.string(),
              secretName: z.string(),
              keys: z.array(
                z.object({ name: z.string(), inSync: z.boolean().optional() }),
              ),
              consumers: z.array(
                z.object({
                  kind: z.string(),
                  name: z.string(),
                  stalePods: z.number(),
                }),
              ),
            }),
          ),
        }),
    },
    async action({ input, credentials }) {
      const topology = await callRoutesAsCaller({
        auth,
        discovery,
        credentials,
      }).getTopology(input.entityRef);
      return {
        output: {
          entityRef: topology.entityRef,
          optedIn: topology.optedIn,
          environments: topology.environments.map(env => ({
            name: env.environment.name,
            restricted: env.environment.restricted,
            engine: env.environment.engine,
            status: env.status,
            ...(env.reason ? { reason: env.reason.message } : {}),
            ...(env.withheld ? { withheld: true } : {}),
            awsAccountId: env.aws.accountId,
            awsSecretName: env.aws.secretName,
            ...(env.aws.versionId ? { awsVersionId: env.aws.versionId } : {}),
            cluster: env.kubernetes.cluster,
            namespace: env.kubernetes.namespace,
            secretName: env.kubernetes.secretName,
            keys: env.keys.map(key => ({
              name: key.name,
              // absent where the engine cannot compare key by key
              ...(key.inSync !== undefined ? { inSync: key.inSync } : {}),
            })),
            consumers: env.consumers.map(consumer => ({
              kind: consumer.kind,
              name: consumer.name,
              stalePods: consumer.stalePods.length,
            })),
          })),
        },
      };
    },
  });
}
