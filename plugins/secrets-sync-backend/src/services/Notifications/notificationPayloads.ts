import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { RestrictedWriteEvent, StatusTurnedEvent } from './types';

/** The topic every secrets-sync notification is filed under. */
export const NOTIFICATION_TOPIC = 'secrets-sync';

/** The entity's Secrets tab at one environment, as the app routes it. */
export function entityTabLink(entityRef: string, environment: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/secrets?environment=${encodeURIComponent(
    environment,
  )}`;
}

function list(names: string[]): string {
  return names.length ? [...names].sort().join(', ') : 'no key';
}

/**
 * A restricted write, told by who and key names only: the change's values
 * are never read here.
 */
export function restrictedWritePayload(
  event: RestrictedWriteEvent,
): NotificationPayload {
  const { target, actor, change } = event;
  const env = target.environment;
  const set = Object.keys(change.set);
  const parts = [
    set.length ? `set ${list(set)}` : undefined,
    change.unset.length ? `unset ${list(change.unset)}` : undefined,
    change.mode === 'replace' ? 'replaced every other key' : undefined,
  ].filter(Boolean);
  const { name } = parseEntityRef(target.entityRef);
  return {
    title: `Secret values written to ${env.title ?? env.name} for ${name}`,
    description: `${actor} ${
      parts.join(' and ') || 'wrote'
    } in the restricted environment ${env.title ?? env.name} (account ${
      env.aws.accountId
    }).`,
    link: entityTabLink(target.entityRef, env.name),
    severity: 'normal',
    topic: NOTIFICATION_TOPIC,
  };
}

/**
 * An environment turned `error` or `drifted`; one notification per entity,
 * environment and status (`scope`), so the notifications backend updates
 * it rather than adding another when it is told again.
 */
export function statusTurnedPayload(
  event: StatusTurnedEvent,
): NotificationPayload {
  const { name } = parseEntityRef(event.entityRef);
  const what =
    event.status === 'error'
      ? `cannot be read or synced${
          event.reason ? `: ${event.reason.message}` : ''
        }`
      : 'have drifted: the Kubernetes Secret no longer matches AWS Secrets Manager';
  return {
    title: `${name}: ${event.environmentTitle} is ${event.status}`,
    description: `The secrets of ${event.entityRef} in ${event.environmentTitle} ${what}.`,
    link: entityTabLink(event.entityRef, event.environment),
    // the notifications UI shows `normal` as a tick: both need attention
    severity: event.status === 'error' ? 'critical' : 'high',
    topic: NOTIFICATION_TOPIC,
    scope: `secrets-sync:status:${event.entityRef}:${event.environment}:${event.status}`,
  };
}
