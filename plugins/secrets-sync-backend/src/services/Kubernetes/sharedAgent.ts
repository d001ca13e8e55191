import https from 'node:https';
import type { Agent } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

const agents = new WeakMap<KubeConfig, Promise<Agent>>();

/**
 * One keep-alive agent per KubeConfig (that is, per cluster and token).
 * client-node builds a new agent for every request, so each call paid a TCP
 * and TLS handshake: three round trips instead of one for every uncached
 * read. The agent keeps the TLS options client-node derives from the
 * KubeConfig (CA, client certificate, verification); a proxy agent is
 * reused as it is.
 */
export function sharedAgentFor(kubeConfig: KubeConfig): Promise<Agent> {
  const known = agents.get(kubeConfig);
  if (known) {
    return known;
  }
  const agent = (async (): Promise<Agent> => {
    const options: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(options);
    const perRequest = options.agent;
    if (!perRequest || perRequest === true) {
      throw new Error('client-node set no agent for the KubeConfig');
    }
    if (!(perRequest instanceof https.Agent)) {
      return perRequest;
    }
    return new https.Agent({
      ...perRequest.options,
      keepAlive: true,
      scheduling: 'lifo',
    });
  })();
  agent.catch(() => agents.delete(kubeConfig));
  agents.set(kubeConfig, agent);
  return agent;
}
