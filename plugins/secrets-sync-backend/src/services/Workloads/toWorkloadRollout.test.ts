import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { toWorkloadRollout } from './toWorkloadRollout';

const REVISION = 'deployment.kubernetes.io/revision';
const STAMP = '2026-12-03T12:00:00Z';

function deployment(
  status: V1Deployment['status'],
  generation = 2,
): V1Deployment {
  return {
    metadata: {
      name: 'web',
      uid: 'uid-web',
      generation,
      annotations: { [REVISION]: '2' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: {
          annotations: { 'kubectl.kubernetes.io/restartedAt': STAMP },
        },
      },
    },
    status,
  };
}

function replicaSet(
  name: string,
  revision: string,
  ready: number,
): V1ReplicaSet {
  return {
    metadata: {
      name,
      annotations: { [REVISION]: revision },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: 'uid-web',
        },
      ],
    },
    spec: { selector: { matchLabels: { app: 'web' } } },
    status: { replicas: 2, readyReplicas: ready },
  };
}

const WEB = { kind: 'Deployment' as const, name: 'web' };

describe('toWorkloadRollout', () => {
  it('row 1: waiting while the controller has not observed the new generation', () => {
    const rollout = toWorkloadRollout(WEB, {
      workload: deployment({
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
      }),
      replicaSets: [replicaSet('web-old', '1', 2)],
    });
    expect(rollout).toMatchObject({
      phase: 'waiting',
      restartedAt: new Date(STAMP),
    });
    expect(rollout.newReplicaSet).toBeUndefined();
  });

  it('row 3: progressing with pods of the new ReplicaSet created but none ready', () => {
    expect(
      toWorkloadRollout(WEB, {
        workload: deployment({
          observedGeneration: 2,
          replicas: 4,
          updatedReplicas: 2,
          readyReplicas: 2,
        }),
        replicaSets: [
          replicaSet('web-old', '1', 2),
          replicaSet('web-new', '2', 0),
        ],
      }),
    ).toEqual({
      kind: 'Deployment',
      name: 'web',
      restartedAt: new Date(STAMP),
      phase: 'progressing',
      desiredReplicas: 2,
      updatedReplicas: 2,
      readyReplicas: 0,
      newReplicaSet: 'web-new',
    });
  });

  it('row 3: progressing while old pods remain, even with the new ones ready', () => {
    expect(
      toWorkloadRollout(WEB, {
        workload: deployment({
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 2,
        }),
        replicaSets: [replicaSet('web-new', '2', 2)],
      }).phase,
    ).toBe('progressing');
  });

  it('row 2: complete once every new pod is ready and no old one is left', () => {
    expect(
      toWorkloadRollout(WEB, {
        workload: deployment({
          observedGeneration: 2,
          replicas: 2,
          updatedReplicas: 2,
        }),
        replicaSets: [replicaSet('web-new', '2', 2)],
      }).phase,
    ).toBe('complete');
  });

  it('counts a StatefulSet’s ready pods only once all are of the new revision', () => {
    const statefulSet = (currentRevision: string) => ({
      metadata: { name: 'db', generation: 3 },
      spec: {
        replicas: 1,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {},
      },
      status: {
        observedGeneration: 3,
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: 1,
        currentRevision,
        updateRevision: 'db-2',
      },
    });
    const ref = { kind: 'StatefulSet' as const, name: 'db' };
    expect(
      toWorkloadRollout(ref, {
        workload: statefulSet('db-1'),
        replicaSets: [],
      }),
    ).toMatchObject({ phase: 'progressing', readyReplicas: 0 });
    expect(
      toWorkloadRollout(ref, {
        workload: statefulSet('db-2'),
        replicaSets: [],
      }),
    ).toMatchObject({ phase: 'complete', readyReplicas: 1 });
  });

  it('reads a DaemonSet’s scheduled counts', () => {
    expect(
      toWorkloadRollout(
        { kind: 'DaemonSet', name: 'agent' },
        {
          workload: {
            metadata: { name: 'agent', generation: 1 },
            spec: { selector: {}, template: {} },
            status: {
              observedGeneration: 1,
              desiredNumberScheduled: 3,
              currentNumberScheduled: 3,
              updatedNumberScheduled: 1,
              numberReady: 3,
              numberMisscheduled: 0,
            },
          },
          replicaSets: [],
        },
      ),
    ).toMatchObject({
      phase: 'progressing',
      desiredReplicas: 3,
      updatedReplicas: 1,
      readyReplicas: 0,
    });
  });
});
