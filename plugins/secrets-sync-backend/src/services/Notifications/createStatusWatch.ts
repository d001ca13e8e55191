import type {
  BackstageCredentials,
  CacheService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { FleetStatus } from '@internal/plugin-secrets-sync-common';
import type { FleetService } from '../Fleet';
import type { OwnerNotifier, StatusTurnedEvent } from './types';

/** The statuses owners are told about when an environment turns to them. */
const WATCHED = ['error', 'drifted'] as const;
const PAGE = 500;
/** How long a told status is remembered; past it, it is told again. */
const REMEMBER_MS = 7 * 24 * 3600_000;

const LAST_PASS_KEY = 'status-notified:last-pass';
const cacheKey = (entityRef: string, environment: string) =>
  `status-notified:${entityRef}|${environment}`;

/** Every entity × environment in one watched status, page by page. */
async function inStatus(
  fleet: FleetService,
  credentials: BackstageCredentials,
  status: (typeof WATCHED)[number],
) {
  const found: Array<{
    entityRef: string;
    environment: string;
    item: FleetStatus['items'][number]['environments'][number];
  }> = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await fleet.summarize({
      credentials,
      filters: { status, offset, limit: PAGE },
      // the check reads for the plugin itself, to tell owners
      authorize: async refs => new Set(refs),
    });
    for (const entity of page.items) {
      for (const item of entity.environments) {
        if (item.status === status) {
          found.push({
            entityRef: entity.entityRef,
            environment: item.environment,
            item,
          });
        }
      }
    }
    if (offset + PAGE >= page.totalEntities) {
      return found;
    }
  }
}

/**
 * The scheduled check that tells owners when an environment of theirs
 * turns `error` or `drifted`. What was told is kept in the cache service
 * (shared by replicas), so each turn is told once: again only after the
 * environment left the status and came back, or after a week.
 */
export function createStatusWatch(options: {
  fleet: FleetService;
  cache: CacheService;
  notifier: OwnerNotifier;
  logger: LoggerService;
  credentials: () => Promise<BackstageCredentials>;
  environmentTitle: (environment: string) => string;
}) {
  const { fleet, cache, notifier, logger } = options;

  /** One pass: tells what turned since the last, forgets what recovered. */
  async function check(): Promise<StatusTurnedEvent[]> {
    const credentials = await options.credentials();
    const told: StatusTurnedEvent[] = [];
    const current = new Set<string>();
    for (const status of WATCHED) {
      for (const { entityRef, environment, item } of await inStatus(
        fleet,
        credentials,
        status,
      )) {
        const key = cacheKey(entityRef, environment);
        current.add(key);
        if ((await cache.get(key)) === status) {
          continue;
        }
        const event: StatusTurnedEvent = {
          entityRef,
          environment,
          environmentTitle: options.environmentTitle(environment),
          status,
          ...(item.reason ? { reason: item.reason } : {}),
        };
        await notifier.statusTurned(event);
        await cache.set(key, status, { ttl: REMEMBER_MS });
        told.push(event);
      }
    }
    await forgetRecovered(current);
    return told;
  }

  /**
   * Forgets what left a watched status, so it is told again when it turns
   * back; the keys of the last pass are kept in the cache too, so any
   * replica's pass forgets what another's told.
   */
  async function forgetRecovered(current: Set<string>) {
    const previous =
      ((await cache.get(LAST_PASS_KEY)) as string[] | undefined) ?? [];
    for (const key of previous) {
      if (!current.has(key)) {
        await cache.delete(key);
      }
    }
    await cache.set(LAST_PASS_KEY, [...current], { ttl: REMEMBER_MS });
  }

  return {
    check,
    /** Runs {@link check} on the scheduler, on one replica at a time. */
    async schedule(
      scheduler: SchedulerService,
      frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
    ) {
      await scheduler.scheduleTask({
        id: 'secrets-sync-status-notifications',
        frequency,
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
        scope: 'global',
        fn: async () => {
          try {
            const told = await check();
            if (told.length) {
              logger.info(
                `Told owners of ${told.length} environment(s) that turned error or drifted`,
              );
            }
          } catch (error) {
            logger.warn(
              `Status notifications check failed: ${(error as Error).message}`,
            );
          }
        },
      });
    },
  };
}
