import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../logger';
import { describeKubeError } from './apiErrors';

/**
 * One Event about a namespace. Messages name Secrets, AWS keys and key
 * counts, never values.
 *
 * @public
 */
export interface NamespaceEvent {
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/**
 * Records Kubernetes Events on namespaces, so that `kubectl get events -n
 * <namespace>` explains what the operator did or refused to do.
 *
 * @public
 */
export interface EventRecorder {
  record(event: NamespaceEvent): Promise<void>;
}

/**
 * An {@link EventRecorder} writing core/v1 Events into the namespace they are
 * about. The same event repeated within `dedupeWindowMs` is recorded once,
 * so a resync does not repeat a standing warning every period. Failing to
 * record is logged, never fatal.
 *
 * @public
 */
export function createEventRecorder(options: {
  kubeConfig: KubeConfig;
  logger: Logger;
  component: string;
  instance: string;
  dedupeWindowMs?: number;
}): EventRecorder {
  const core = options.kubeConfig.makeApiClient(CoreV1Api);
  const dedupeWindowMs = options.dedupeWindowMs ?? 10 * 60_000;
  const lastRecorded = new Map<string, number>();

  return {
    async record(event) {
      const key = `${event.namespace}\u0000${event.reason}\u0000${event.message}`;
      const now = Date.now();
      const last = lastRecorded.get(key);
      if (last !== undefined && now - last < dedupeWindowMs) {
        return;
      }
      lastRecorded.set(key, now);
      for (const [recordedKey, at] of lastRecorded) {
        if (now - at >= dedupeWindowMs) {
          lastRecorded.delete(recordedKey);
        }
      }
      const timestamp = new Date(now);
      try {
        await core.createNamespacedEvent({
          namespace: event.namespace,
          body: {
            metadata: {
              name: `${event.namespace}.${randomBytes(8).toString('hex')}`,
              namespace: event.namespace,
            },
            involvedObject: {
              apiVersion: 'v1',
              kind: 'Namespace',
              name: event.namespace,
              namespace: event.namespace,
            },
            type: event.type,
            reason: event.reason,
            message: event.message,
            count: 1,
            firstTimestamp: timestamp,
            lastTimestamp: timestamp,
            source: { component: options.component },
            reportingComponent: options.component,
            reportingInstance: options.instance,
          },
        });
      } catch (error) {
        options.logger.warn('could not record event', {
          namespace: event.namespace,
          reason: event.reason,
          error: describeKubeError(error),
        });
      }
    },
  };
}
