import type {
  EntityTopology,
  EnvironmentTopology,
  HopHealth,
  PushSecretFacts,
  SyncedSecretFacts,
} from '@internal/plugin-secrets-sync-common';
import { presentStatus, type Tone } from './statusPresentation';

/** The hops of the topology, in the order a secret travels through them. */
export type TopologyNodeKind =
  | 'component'
  | 'environment'
  | 'aws'
  | 'namespace'
  | 'syncedSecret'
  | 'secret'
  | 'pushSecret'
  | 'workload';

/** A node of the topology graph. */
export interface TopologyNode {
  id: string;
  kind: TopologyNodeKind;
  title: string;
  subtitle: string;
  tone: Tone;
  /** The environment the node belongs to; absent for the component. */
  environment?: string;
}

/** An edge of the topology graph. */
export interface TopologyEdge {
  from: string;
  to: string;
}

/** Nodes and edges ready for `DependencyGraph`. */
export interface TopologyGraph {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** Workloads beyond this many per environment are folded into one node. */
export const MAX_WORKLOAD_NODES = 3;

const COMPONENT_ID = 'component';

/** A hop the backend did not judge (an older backend): shown as not set up. */
const UNJUDGED: HopHealth = { health: 'inactive' };

function awsNode(env: EnvironmentTopology): TopologyNode {
  const { aws } = env;
  const hop = env.hops?.aws ?? UNJUDGED;
  return {
    id: `aws:${env.environment.name}`,
    kind: 'aws',
    title: aws.secretName,
    // the state first: the node truncates its subtitle, and the account and
    // region are in the environment's details and the node's tooltip
    subtitle: [hop.state, aws.accountId, aws.region]
      .filter(Boolean)
      .join(' · '),
    tone: hop.health,
    environment: env.environment.name,
  };
}

function namespaceNode(env: EnvironmentTopology): TopologyNode {
  const k8s = env.kubernetes;
  const hop = env.hops?.namespace ?? UNJUDGED;
  return {
    id: `namespace:${env.environment.name}`,
    kind: 'namespace',
    title: k8s.namespace,
    subtitle: [`cluster ${k8s.cluster}`, hop.state].filter(Boolean).join(' · '),
    tone: hop.health,
    environment: env.environment.name,
  };
}

function secretNode(env: EnvironmentTopology): TopologyNode {
  const hop = env.hops?.secret ?? UNJUDGED;
  return {
    id: `secret:${env.environment.name}`,
    kind: 'secret',
    title: env.kubernetes.secretName,
    subtitle: [
      hop.state,
      env.eso?.resourceName && 'ExternalSecret',
      // the push-secret engine's Secret is where values start, not end
      env.pushSecret && 'source',
    ]
      .filter(Boolean)
      .join(' · '),
    tone: hop.health,
    environment: env.environment.name,
  };
}

function workloadNodes(env: EnvironmentTopology): TopologyNode[] {
  const name = env.environment.name;
  const shown = env.consumers.slice(0, MAX_WORKLOAD_NODES);
  const nodes: TopologyNode[] = shown.map((consumer, index) => {
    const hop = env.hops?.workloads[index] ?? UNJUDGED;
    return {
      id: `workload:${name}:${consumer.kind}/${consumer.name}`,
      kind: 'workload',
      title: consumer.name,
      subtitle: `${consumer.kind} · ${hop.state ?? consumer.via.join(', ')}`,
      tone: hop.health,
      environment: name,
    };
  });
  const rest = env.consumers.length - shown.length;
  if (rest > 0) {
    nodes.push({
      id: `workload:${name}:more`,
      kind: 'workload',
      title: `${rest} more workload${rest === 1 ? '' : 's'}`,
      subtitle: 'see the environment details',
      tone: 'inactive',
      environment: name,
    });
  }
  return nodes;
}

function syncedSecretNode(
  env: EnvironmentTopology & { syncedSecret: SyncedSecretFacts },
): TopologyNode {
  const { syncedSecret } = env;
  const due = syncedSecret.dueBy;
  return {
    id: `syncedsecret:${env.environment.name}`,
    kind: 'syncedSecret',
    title: syncedSecret.resourceName,
    // the controller polls: a Secret behind AWS is due, not failing
    subtitle: due
      ? `due by ${due.toLocaleTimeString()}`
      : `polls AWS every ${syncedSecret.pollIntervalSeconds} s`,
    tone: due ? 'progress' : 'ok',
    environment: env.environment.name,
  };
}

/** ESO's `Ready` condition of a PushSecret, as the node's tone. */
const PUSH_READY_TONES: Record<string, Tone> = {
  True: 'ok',
  False: 'error',
  Unknown: 'progress',
};

function pushSecretNodes(
  env: EnvironmentTopology & { pushSecret: PushSecretFacts },
): TopologyNode[] {
  const name = env.environment.name;
  if (env.pushSecret.pushSecrets.length === 0) {
    return [
      {
        id: `pushsecret:${name}:none`,
        kind: 'pushSecret',
        title: 'no PushSecret',
        subtitle: `none selects ${env.pushSecret.sourceSecretName}`,
        tone: 'inactive',
        environment: name,
      },
    ];
  }
  return env.pushSecret.pushSecrets.map(push => {
    const pushed = push.stores.filter(store => store.pushed).length;
    return {
      id: `pushsecret:${name}:${push.resourceName}`,
      kind: 'pushSecret',
      title: push.resourceName,
      subtitle: `${pushed}/${push.stores.length} store${
        push.stores.length === 1 ? '' : 's'
      } pushed${
        // ESO's reason says why a PushSecret is not ready; `Synced` when it is
        push.reason && push.ready !== 'True' ? ` · ${push.reason}` : ''
      }`,
      tone: PUSH_READY_TONES[push.ready ?? 'Unknown'] ?? 'progress',
      environment: name,
    };
  });
}

/** The nodes of one environment's path and the edges between them. */
interface EnvironmentPath {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** The Kubernetes Secret node the consuming workloads hang off. */
  secretId: string;
}

function linked(nodes: TopologyNode[]): TopologyEdge[] {
  return nodes.slice(1).map((node, i) => ({ from: nodes[i].id, to: node.id }));
}

/**
 * The hops an environment's values travel through, in the engine's order:
 * AWS → namespace → Secret by default; with kube-secret-syncer the
 * SyncedSecret between the namespace and the Secret it writes; with ESO's
 * PushSecret the other way round, the source Secret → each PushSecret →
 * the AWS secret it pushes to.
 */
function environmentPath(
  envNode: TopologyNode,
  env: EnvironmentTopology,
): EnvironmentPath {
  const secret = secretNode(env);
  if (env.pushSecret) {
    const head = [envNode, namespaceNode(env), secret];
    const pushes = pushSecretNodes({ ...env, pushSecret: env.pushSecret });
    const aws = awsNode(env);
    return {
      nodes: [...head, ...pushes, aws],
      edges: [
        ...linked(head),
        ...pushes.flatMap(push => [
          { from: secret.id, to: push.id },
          { from: push.id, to: aws.id },
        ]),
      ],
      secretId: secret.id,
    };
  }
  const nodes = [
    envNode,
    awsNode(env),
    namespaceNode(env),
    ...(env.syncedSecret
      ? [syncedSecretNode({ ...env, syncedSecret: env.syncedSecret })]
      : []),
    secret,
  ];
  return { nodes, edges: linked(nodes), secretId: secret.id };
}

/**
 * Lays an entity's topology out as a graph: component → environment →
 * the hops of the environment's engine (see {@link environmentPath}) →
 * consuming workloads, each node toned by the health the backend judged
 * for its hop (`hops`).
 */
export function buildTopologyGraph(
  topology: EntityTopology,
  componentTitle: string,
): TopologyGraph {
  const nodes: TopologyNode[] = [
    {
      id: COMPONENT_ID,
      kind: 'component',
      title: componentTitle,
      subtitle: topology.mapping
        ? `tenant ${topology.mapping.tenantKey}`
        : topology.entityRef,
      tone: topology.mapping?.conflict ? 'error' : 'ok',
    },
  ];
  const edges: TopologyEdge[] = [];

  for (const env of topology.environments) {
    const presentation = presentStatus(env.status);
    const envNode: TopologyNode = {
      id: `environment:${env.environment.name}`,
      kind: 'environment',
      title: env.environment.title,
      subtitle: `${presentation.label}${
        env.environment.restricted ? ' · restricted' : ''
      }`,
      tone: presentation.tone,
      environment: env.environment.name,
    };
    const path = environmentPath(envNode, env);
    nodes.push(...path.nodes);
    edges.push({ from: COMPONENT_ID, to: envNode.id }, ...path.edges);
    for (const workload of workloadNodes(env)) {
      nodes.push(workload);
      edges.push({ from: path.secretId, to: workload.id });
    }
  }
  return { nodes, edges };
}
