import { z } from 'zod';
import { tenantTemplate, text } from '../../contractSchemas';

/** kube-secret-syncer's defaults: its API, `POLL_INTERVAL_SEC` and `SYNC_INTERVAL_SEC`. */
export const DEFAULT_SYNCED_SECRET_CONTRACT = {
  namespaceTemplate: 'sites-{tenant}',
  awsKeyTemplate: 'sites/{tenant}/build',
  apiGroup: 'secrets.contentful.com',
  apiVersion: 'v1',
  pollIntervalSeconds: 300,
  resyncIntervalSeconds: 120,
} as const;

const defaults = DEFAULT_SYNCED_SECRET_CONTRACT;

function seconds(fallback: number) {
  return z
    .number({ error: 'must be a number of seconds' })
    .int({ error: 'must be a whole number of seconds' })
    .positive({ error: 'must be a positive number of seconds' })
    .default(fallback);
}

/**
 * The `engine` block of a `synced-secret` environment: where the tenant's
 * SyncedSecrets live, the AWS secret they take, and how often the
 * controller polls AWS (`POLL_INTERVAL_SEC`) and reconciles every
 * SyncedSecret from what it polled (`SYNC_INTERVAL_SEC`).
 */
export const syncedSecretContractSchema = z.object({
  namespaceTemplate: tenantTemplate(defaults.namespaceTemplate),
  awsKeyTemplate: tenantTemplate(defaults.awsKeyTemplate),
  apiGroup: text(defaults.apiGroup),
  apiVersion: text(defaults.apiVersion),
  pollIntervalSeconds: seconds(defaults.pollIntervalSeconds),
  resyncIntervalSeconds: seconds(defaults.resyncIntervalSeconds),
});

/** A `synced-secret` environment's contract, defaults applied. */
export type SyncedSecretContract = z.infer<typeof syncedSecretContractSchema>;
