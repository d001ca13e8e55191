/**
 * What the reconciler learnt about the upstream AWS Secrets Manager document.
 *
 * @public
 */
export type UpstreamFact =
  | { state: 'missing' }
  | {
      state: 'present';
      data: Record<string, string>;
      /** The id of the version read (`AWSCURRENT`), stamped on the Secret. */
      versionId?: string;
    };

/**
 * What the reconciler learnt about the Kubernetes Secret of the contract's
 * name in the namespace.
 *
 * @public
 */
export type LocalFact =
  | { state: 'absent' }
  | {
      state: 'owned';
      data: Record<string, string>;
      /** The AWS version id the Secret is stamped with, if any. */
      versionId?: string;
    }
  | { state: 'unowned' };

/**
 * The facts one reconcile decides from. `upstream` is only read when the
 * namespace has opted in: opted-out namespaces never cost an AWS call.
 *
 * @public
 */
export type ReconcileFacts =
  | { optedIn: false; local: LocalFact }
  | { optedIn: true; upstream: UpstreamFact; local: LocalFact };

/**
 * Why a reconcile leaves the Secret as it is.
 *
 * @public
 */
export type NoopReason =
  | 'not-enabled'
  | 'upstream-missing'
  | 'in-sync'
  | 'unowned';

/**
 * The single action a reconcile takes, one per row of the reconcile table
 * in docs/operator-contract.md.
 *
 * @public
 */
export type ReconcileAction =
  | { type: 'noop'; reason: NoopReason }
  | { type: 'create'; data: Record<string, string>; versionId?: string }
  | { type: 'update'; data: Record<string, string>; versionId?: string }
  | { type: 'delete' };

/**
 * The reconcile table of docs/operator-contract.md as a pure function:
 *
 * | opted in | upstream | local Secret         | action                  |
 * |----------|----------|----------------------|-------------------------|
 * | no       | -        | absent               | noop (not-enabled)      |
 * | no       | -        | owned                | delete                  |
 * | no       | -        | unowned              | noop (unowned)          |
 * | yes      | missing  | absent               | noop (upstream-missing) |
 * | yes      | missing  | owned                | delete                  |
 * | yes      | present  | absent               | create                  |
 * | yes      | present  | owned, data differs  | update                  |
 * | yes      | present  | owned, data matches  | noop (in-sync)          |
 *
 * An owned Secret whose data matches but whose version stamp is not the
 * version read is updated too (same data, new stamp), so the stamp always
 * names the version the data came from; when AWS reports no version id
 * the stamp is left as it is.
 * | yes      | present  | unowned              | noop (unowned)          |
 *
 * An unowned Secret is never adopted, updated or deleted, whatever the
 * other facts say.
 *
 * @public
 */
export function decideAction(facts: ReconcileFacts): ReconcileAction {
  const { local } = facts;
  if (local.state === 'unowned') {
    return { type: 'noop', reason: 'unowned' };
  }
  if (!facts.optedIn) {
    return local.state === 'owned'
      ? { type: 'delete' }
      : { type: 'noop', reason: 'not-enabled' };
  }
  const { upstream } = facts;
  if (upstream.state === 'missing') {
    return local.state === 'owned'
      ? { type: 'delete' }
      : { type: 'noop', reason: 'upstream-missing' };
  }
  const stamp = upstream.versionId ? { versionId: upstream.versionId } : {};
  if (local.state === 'absent') {
    return { type: 'create', data: upstream.data, ...stamp };
  }
  const stampCurrent =
    !upstream.versionId || local.versionId === upstream.versionId;
  return sameData(local.data, upstream.data) && stampCurrent
    ? { type: 'noop', reason: 'in-sync' }
    : { type: 'update', data: upstream.data, ...stamp };
}

/**
 * True when both maps hold exactly the same keys with the same values.
 *
 * @public
 */
export function sameData(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) {
    return false;
  }
  return aKeys.every(
    key => Object.prototype.hasOwnProperty.call(b, key) && a[key] === b[key],
  );
}
