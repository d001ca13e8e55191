import type { WorkloadRollout } from '@internal/plugin-secrets-sync-common';
import { describeOutcome, describeRollout } from './describeRollout';

const rollout = (over: Partial<WorkloadRollout>): WorkloadRollout => ({
  kind: 'Deployment',
  name: 'web',
  phase: 'progressing',
  desiredReplicas: 2,
  updatedReplicas: 1,
  readyReplicas: 0,
  ...over,
});

describe('describeRollout', () => {
  it('says only what the status reports', () => {
    expect(describeRollout(rollout({ phase: 'waiting' }))).toBe(
      'Restart requested; its controller has not acted on it yet',
    );
    expect(describeRollout(rollout({ newReplicaSet: 'web-5c' }))).toBe(
      'New ReplicaSet web-5c created · 1 of 2 new pods created · 0 ready',
    );
    expect(describeRollout(rollout({ phase: 'complete' }))).toBe(
      'All 2 pods of the new template ready',
    );
  });
});

describe('describeOutcome', () => {
  it('claims success only when every new pod is ready', () => {
    expect(describeOutcome('complete', [])).toMatch(/^Restarted/);
    expect(describeOutcome('following', [rollout({})])).toBeUndefined();
  });

  it('says why it stopped following, from what the cluster last reported', () => {
    expect(describeOutcome('stopped', [rollout({ phase: 'waiting' })])).toMatch(
      /controller has not acted on the restart yet, so no new pod exists/,
    );
    expect(describeOutcome('stopped', [rollout({})])).toBe(
      "Stopped following: 1 of 2 new pods created so far, 0 ready. Check the workload's events if it does not finish.",
    );
    expect(
      describeOutcome('stopped', [
        rollout({ updatedReplicas: 2, readyReplicas: 1 }),
      ]),
    ).toMatch(
      /all 2 pods of the new template were created, but the cluster reports 1 ready/,
    );
  });
});
