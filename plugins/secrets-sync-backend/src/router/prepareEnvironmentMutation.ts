import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { RateLimitBucket } from '../services/RateLimit';
import type { SyncTarget } from '../services/SyncEngine';
import type { Caller, RouteContext } from './routeContext';

/**
 * The checks of a mutation of one environment (force sync, enable,
 * disable), in the order every mutation applies them: the environment, the
 * entity and its permission, the restricted permission, the mapping, the
 * confirmation, the rate limit, then the platform's binding.
 */
export async function prepareEnvironmentMutation(
  ctx: RouteContext,
  options: {
    caller: Caller;
    entityRef: string;
    environment: string;
    permission: ResourcePermission<'catalog-entity'>;
    confirmed: boolean;
    /** How the confirmation's message names the action, e.g. "force a sync". */
    action: string;
    limit?: RateLimitBucket;
  },
): Promise<SyncTarget> {
  const { credentials, actor } = options.caller;
  const environments = ctx.secretsSync.getEnvironments([options.environment]);
  const entity = await ctx.entityFor(
    options.entityRef,
    options.permission,
    credentials,
  );
  await ctx.authorizeRestricted({ entity, environments, credentials });
  const targets = ctx.secretsSync.targetsFor(entity, environments);
  ctx.confirmRestricted({
    environments,
    confirmed: options.confirmed,
    action: options.action,
  });
  if (options.limit) {
    ctx.limit(options.limit, actor, entity.entityRef);
  }
  await ctx.secretsSync.assertBound(targets);
  return targets[0];
}
