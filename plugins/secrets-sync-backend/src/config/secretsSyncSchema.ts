import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { DEFAULT_TENANT_KEY_PATTERN } from '@internal/plugin-secrets-sync-common';
import { z } from 'zod';
import type { AnyEngineDefinition } from '../services/SyncEngine/types';
import { bindingTenantIssues } from './bindingSchema';
import { durationMs, positiveCount } from './configSchemas';
import { environmentSchema } from './environmentSchema';
import { historySchema } from './historySchema';
import { notificationsSchema } from './notificationsSchema';
import { platformReadersSchema } from './platformReadersSchema';
import { restrictedWritersSchema } from './restrictedWritersSchema';
import type { CacheConfig, RateLimitConfig, SecretsSyncConfig } from './types';

const DEFAULT_PENDING_GRACE_PERIOD_MS = 120_000;
const DEFAULT_CACHE: CacheConfig = {
  awsMetadataTtlMs: 30_000,
  fleetStatusTtlMs: 5_000,
  kubernetes: {
    enabled: true,
    resyncPeriodMs: 10 * 60_000,
    syncTimeoutMs: 10_000,
    watchTimeoutSeconds: 60,
  },
};
const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  windowMs: 60_000,
  writes: { perUser: 20, perEntity: 40 },
  forceSyncs: { perUser: 20, perEntity: 40 },
  restarts: { perUser: 10, perEntity: 20 },
};

const tenantKeyPattern = z
  .string()
  .default(DEFAULT_TENANT_KEY_PATTERN)
  .transform((source, ctx) => {
    try {
      return new RegExp(source);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a regular expression: ${(error as Error).message}`,
      });
      return z.NEVER;
    }
  });

const tenantKinds = z
  .array(
    z.string().superRefine((kind, ctx) => {
      if (!KubernetesValidatorFunctions.isValidKind(kind)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${kind}" is not a catalog kind`,
        });
      }
    }),
  )
  .min(1, { error: 'must list at least one kind' })
  .default(['component'])
  .transform(kinds => [
    ...new Set(kinds.map(kind => kind.toLocaleLowerCase('en-US'))),
  ]);

const watchTimeoutSeconds = durationMs
  .refine(ms => ms >= 1000 && ms % 1000 === 0, {
    error:
      'must be a whole number of seconds, at least 1 (the API server takes watch timeouts in seconds)',
  })
  .transform(ms => ms / 1000);

const cache = z
  .object({
    awsMetadataTtl: durationMs.default(DEFAULT_CACHE.awsMetadataTtlMs),
    fleetStatusTtl: durationMs.default(DEFAULT_CACHE.fleetStatusTtlMs),
    kubernetes: z
      .object({
        enabled: z.boolean().default(DEFAULT_CACHE.kubernetes.enabled),
        resyncPeriod: durationMs.default(
          DEFAULT_CACHE.kubernetes.resyncPeriodMs,
        ),
        syncTimeout: durationMs.default(DEFAULT_CACHE.kubernetes.syncTimeoutMs),
        watchTimeout: watchTimeoutSeconds.default(
          DEFAULT_CACHE.kubernetes.watchTimeoutSeconds,
        ),
      })
      .default({
        enabled: DEFAULT_CACHE.kubernetes.enabled,
        resyncPeriod: DEFAULT_CACHE.kubernetes.resyncPeriodMs,
        syncTimeout: DEFAULT_CACHE.kubernetes.syncTimeoutMs,
        watchTimeout: DEFAULT_CACHE.kubernetes.watchTimeoutSeconds,
      }),
  })
  .optional()
  .transform(
    (value): CacheConfig =>
      value
        ? {
            awsMetadataTtlMs: value.awsMetadataTtl,
            fleetStatusTtlMs: value.fleetStatusTtl,
            kubernetes: {
              enabled: value.kubernetes.enabled,
              resyncPeriodMs: value.kubernetes.resyncPeriod,
              syncTimeoutMs: value.kubernetes.syncTimeout,
              watchTimeoutSeconds: value.kubernetes.watchTimeout,
            },
          }
        : DEFAULT_CACHE,
  );

const bucket = (name: 'writes' | 'forceSyncs' | 'restarts') =>
  z
    .object({
      perUser: positiveCount.default(DEFAULT_RATE_LIMIT[name].perUser),
      perEntity: positiveCount.default(DEFAULT_RATE_LIMIT[name].perEntity),
    })
    .default(DEFAULT_RATE_LIMIT[name]);

const rateLimit = z
  .object({
    window: durationMs
      .refine(ms => ms >= 1000, { error: 'must be at least 1 second' })
      .default(DEFAULT_RATE_LIMIT.windowMs),
    writes: bucket('writes'),
    forceSyncs: bucket('forceSyncs'),
    restarts: bucket('restarts'),
  })
  .default({
    window: DEFAULT_RATE_LIMIT.windowMs,
    writes: DEFAULT_RATE_LIMIT.writes,
    forceSyncs: DEFAULT_RATE_LIMIT.forceSyncs,
    restarts: DEFAULT_RATE_LIMIT.restarts,
  })
  .transform(
    ({ window, writes, forceSyncs, restarts }): RateLimitConfig => ({
      windowMs: window,
      writes,
      forceSyncs,
      restarts,
    }),
  );

/**
 * The `secretsSync` section as the backend reads it, every default applied;
 * `config.d.ts` is its visible form and says the same. Each environment's
 * `engine` block is read by the registry's engine it names.
 */
export function secretsSyncSchema(engines: readonly AnyEngineDefinition[]) {
  return z
    .object({
      tenantKeyPattern,
      tenantKinds,
      restrictedWriters: restrictedWritersSchema,
      platformReaders: platformReadersSchema,
      pendingGracePeriod: durationMs.default(DEFAULT_PENDING_GRACE_PERIOD_MS),
      cache,
      rateLimit,
      history: historySchema,
      notifications: notificationsSchema,
      environments: z.array(environmentSchema(engines)),
    })
    .superRefine((config, ctx) => {
      config.environments.forEach((env, index) => {
        if (config.environments.findIndex(o => o.name === env.name) !== index) {
          ctx.addIssue({
            code: 'custom',
            path: ['environments', index, 'name'],
            message: `environment "${env.name}" is defined twice`,
          });
        }
        bindingTenantIssues(env.binding, config).forEach(issue =>
          ctx.addIssue({
            code: 'custom',
            path: ['environments', index, 'binding', ...issue.path],
            message: issue.message,
          }),
        );
      });
    })
    .transform(
      (config): SecretsSyncConfig => ({
        tenantKeyPattern: config.tenantKeyPattern,
        tenantKinds: config.tenantKinds,
        restrictedWriters: config.restrictedWriters,
        pendingGracePeriodMs: config.pendingGracePeriod,
        environments: config.environments,
        cache: config.cache,
        rateLimit: config.rateLimit,
        history: config.history,
        notifications: config.notifications,
      }),
    );
}
