import type { KubeConfig } from '@kubernetes/client-node';
import { getJson } from './getJson';

/** How often a cluster with watch caches is asked whether it is there. */
export const PROBE_INTERVAL_MS = 3_000;
/** How long a probe may take before the cluster is taken for gone. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Asks one API server for `/version` every `intervalMs`, one probe at a
 * time. A watch on a dead server can stay open until its timeout (a killed
 * host, a dropped network), and a restarted one may keep the caches
 * believing they are current: the probe is what notices either within
 * seconds, for every cache of the cluster at once, at one small request per
 * interval.
 */
export function startClusterProbe(options: {
  kubeConfig: () => Promise<KubeConfig>;
  intervalMs: number;
  onAnswer: () => void;
  onFailure: (error: unknown) => void;
}): { stop(): void } {
  let probing = false;
  const probe = async () => {
    if (probing) {
      return;
    }
    probing = true;
    try {
      await getJson(
        await options.kubeConfig(),
        '/version',
        Math.min(PROBE_TIMEOUT_MS, options.intervalMs),
      );
      options.onAnswer();
    } catch (error) {
      options.onFailure(error);
    } finally {
      probing = false;
    }
  };
  const timer = setInterval(probe, options.intervalMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
