import { randomUUID } from 'node:crypto';
import type { SharedCache } from '../AwsSecrets/createSharedCache';
import type { FleetStatusMemo } from './fleetStatusMemo';

/** The shared cache's entry naming the latest change any replica made. */
const CHANGE_KEY = 'fleet-change';
/** Far longer than any memo lives; an expired entry only clears memos once. */
const CHANGE_TTL_MS = 60 * 60_000;

/**
 * Keeps the fleet memos of every replica as fresh as the entity tab: a
 * replica that changes an entity forgets its statuses and names a new
 * change in the shared cache; a replica whose summary finds another change
 * named there than the last it saw forgets every status it remembers.
 * One shared-cache read per summary, whatever the size of the catalog;
 * mutations are rare beside summaries, so clearing the whole memo costs
 * little. Without a shared cache, or while it fails, each replica keeps to
 * its own memo and other replicas' changes show within its time to live.
 */
export function createFleetChanges(options: {
  memo: FleetStatusMemo;
  shared?: SharedCache;
}) {
  const { memo, shared } = options;
  let seen: string | undefined;
  return {
    /** After this replica changed the entity. */
    async announce(entityRef: string): Promise<void> {
      memo.forget(entityRef);
      if (!shared?.available()) {
        return;
      }
      const change = randomUUID();
      seen = change;
      await shared.set(CHANGE_KEY, change, CHANGE_TTL_MS);
    },
    /** Before a summary: forgets the memo when another replica changed something. */
    async follow(): Promise<void> {
      if (!shared?.available()) {
        return;
      }
      const change = await shared.get<string>(CHANGE_KEY);
      if (change !== seen) {
        memo.clear();
        seen = change;
      }
    },
  };
}
