import type {
  EntityTopology,
  EnvironmentTopology,
  HopHealth,
} from '@internal/plugin-secrets-sync-common';
import { presentStatus, type Tone } from './statusPresentation';

/** The hops of the topology, in the order a secret travels through them. */
export type TopologyNodeKind =
  | 'component'
  | 'environment'
  | 'aws'
  | 'namespace'
  | 'secret'
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
    subtitle: [hop.state, env.eso?.resourceName && 'ExternalSecret']
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

/**
 * Lays an entity's topology out as a graph: component → environment →
 * AWS secret → namespace → Kubernetes Secret → consuming workloads, each
 * node toned by the health the backend judged for its hop (`hops`).
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
    const chain = [envNode, awsNode(env), namespaceNode(env), secretNode(env)];
    nodes.push(...chain);
    edges.push({ from: COMPONENT_ID, to: envNode.id });
    for (let i = 1; i < chain.length; i++) {
      edges.push({ from: chain[i - 1].id, to: chain[i].id });
    }
    for (const workload of workloadNodes(env)) {
      nodes.push(workload);
      edges.push({ from: chain[chain.length - 1].id, to: workload.id });
    }
  }
  return { nodes, edges };
}
