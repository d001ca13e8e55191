import type {
  V1CronJob,
  V1ObjectMeta,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Pod,
  V1PodSpec,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type {
  Consumer,
  ConsumerKindEnum,
  ConsumerViaEnum,
} from '@internal/plugin-secrets-sync-common';
import { reloaderRestarts, restartModeOf } from './restartMode';

/** The workloads of one namespace, as listed from the cluster. */
export interface NamespaceWorkloads {
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  jobs: V1Job[];
  cronJobs: V1CronJob[];
  pods: V1Pod[];
}

/** How a pod spec reads a Secret: envFrom, env or a volume. */
export function secretReferences(
  spec: V1PodSpec | undefined,
  secretName: string,
): ConsumerViaEnum[] {
  const via = new Set<ConsumerViaEnum>();
  for (const container of [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
  ]) {
    if (
      container.envFrom?.some(source => source.secretRef?.name === secretName)
    ) {
      via.add('envFrom');
    }
    if (
      container.env?.some(
        env => env.valueFrom?.secretKeyRef?.name === secretName,
      )
    ) {
      via.add('env');
    }
  }
  for (const volume of spec?.volumes ?? []) {
    if (
      volume.secret?.secretName === secretName ||
      volume.projected?.sources?.some(
        source => source.secret?.name === secretName,
      )
    ) {
      via.add('volume');
    }
  }
  return (['envFrom', 'env', 'volume'] as const).filter(v => via.has(v));
}

function matchesSelector(
  pod: V1Pod,
  matchLabels: Record<string, string> | undefined,
) {
  const labels = pod.metadata?.labels ?? {};
  const wanted = Object.entries(matchLabels ?? {});
  return (
    wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value)
  );
}

function jobNameOf(pod: V1Pod): string | undefined {
  const labels = pod.metadata?.labels ?? {};
  return labels['batch.kubernetes.io/job-name'] ?? labels['job-name'];
}

/**
 * The workloads of a namespace that consume a Secret, each with its running
 * pods started before the Secret last changed (those still hold old
 * values) and how it picks up a change (see `restartModeOf`).
 */
export function findConsumers(options: {
  workloads: NamespaceWorkloads;
  secretName: string;
  secretUpdatedAt?: Date;
  /** The Secret's `reloader.stakater.com/match` flag. */
  secretReloaderMatch?: boolean;
}): Consumer[] {
  const { workloads, secretName, secretUpdatedAt } = options;
  const stale = (belongs: (pod: V1Pod) => boolean) =>
    workloads.pods
      .filter(pod => pod.status?.phase === 'Running' && belongs(pod))
      .filter(pod => {
        const started = pod.status?.startTime;
        return (
          started &&
          secretUpdatedAt &&
          new Date(started).getTime() < secretUpdatedAt.getTime()
        );
      })
      .map(pod => ({
        name: pod.metadata?.name ?? '',
        startedAt: new Date(pod.status!.startTime!),
      }));

  const candidates: Array<{
    kind: ConsumerKindEnum;
    name: string;
    spec?: V1PodSpec;
    annotations?: Array<V1ObjectMeta['annotations']>;
    belongs: (pod: V1Pod) => boolean;
  }> = [
    ...[
      ['Deployment', workloads.deployments] as const,
      ['StatefulSet', workloads.statefulSets] as const,
      ['DaemonSet', workloads.daemonSets] as const,
    ].flatMap(([kind, items]) =>
      items.map(item => ({
        kind,
        name: item.metadata?.name ?? '',
        spec: item.spec?.template.spec,
        annotations: [
          item.metadata?.annotations,
          item.spec?.template.metadata?.annotations,
        ],
        belongs: (pod: V1Pod) =>
          matchesSelector(pod, item.spec?.selector.matchLabels),
      })),
    ),
    ...workloads.cronJobs.map(item => ({
      kind: 'CronJob' as const,
      name: item.metadata?.name ?? '',
      spec: item.spec?.jobTemplate.spec?.template.spec,
      belongs: (pod: V1Pod) =>
        jobNameOf(pod)?.startsWith(`${item.metadata?.name}-`) ?? false,
    })),
    ...workloads.jobs
      .filter(
        job =>
          !job.metadata?.ownerReferences?.some(
            owner => owner.kind === 'CronJob',
          ),
      )
      .map(item => ({
        kind: 'Job' as const,
        name: item.metadata?.name ?? '',
        spec: item.spec?.template.spec,
        belongs: (pod: V1Pod) => jobNameOf(pod) === item.metadata?.name,
      })),
    ...workloads.pods
      .filter(pod => !pod.metadata?.ownerReferences?.length)
      .map(pod => ({
        kind: 'Pod' as const,
        name: pod.metadata?.name ?? '',
        spec: pod.spec,
        belongs: (other: V1Pod) => other === pod,
      })),
  ];

  return candidates.flatMap(candidate => {
    const via = secretReferences(candidate.spec, secretName);
    return via.length
      ? [
          {
            kind: candidate.kind,
            name: candidate.name,
            via,
            stalePods: stale(candidate.belongs),
            restart: restartModeOf(
              candidate.kind,
              reloaderRestarts({
                annotations: candidate.annotations ?? [],
                secretName,
                secretMatch: options.secretReloaderMatch ?? false,
              }),
            ),
          },
        ]
      : [];
  });
}
