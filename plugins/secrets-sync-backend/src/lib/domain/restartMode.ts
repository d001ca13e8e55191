import type { V1ObjectMeta } from '@kubernetes/client-node';
import type {
  ConsumerKindEnum,
  ConsumerRestartEnum,
} from '@internal/plugin-secrets-sync-common';

/** Stakater Reloader's annotations, as its README names them. */
export const RELOADER_ANNOTATIONS = {
  auto: 'reloader.stakater.com/auto',
  secretAuto: 'secret.reloader.stakater.com/auto',
  secretReload: 'secret.reloader.stakater.com/reload',
  search: 'reloader.stakater.com/search',
} as const;

/**
 * Whether Stakater Reloader restarts a workload when this Secret changes,
 * from the workload's annotations (on the workload or its pod template) and
 * the Secret's `reloader.stakater.com/match` flag:
 *
 * | # | workload annotation | Secret | Reloader restarts it |
 * |---|---|---|---|
 * | 1 | `reloader.stakater.com/auto: "true"` | (any it references) | yes |
 * | 2 | `secret.reloader.stakater.com/auto: "true"` | (any it references) | yes |
 * | 3 | `secret.reloader.stakater.com/reload` listing the Secret's name | | yes |
 * | 4 | `reloader.stakater.com/search: "true"` | `reloader.stakater.com/match: "true"` | yes |
 * | 5 | none of these | | no |
 *
 * The caller has already found that the workload references the Secret.
 */
export function reloaderRestarts(options: {
  annotations: Array<V1ObjectMeta['annotations']>;
  secretName: string;
  secretMatch: boolean;
}): boolean {
  const { secretName, secretMatch } = options;
  return options.annotations.some(annotations => {
    const a = annotations ?? {};
    const reloadList = (a[RELOADER_ANNOTATIONS.secretReload] ?? '')
      .split(',')
      .map(name => name.trim());
    return (
      a[RELOADER_ANNOTATIONS.auto] === 'true' ||
      a[RELOADER_ANNOTATIONS.secretAuto] === 'true' ||
      reloadList.includes(secretName) ||
      (a[RELOADER_ANNOTATIONS.search] === 'true' && secretMatch)
    );
  });
}

/**
 * How a consumer picks up a change of the Secret:
 *
 * | # | consumer | mode |
 * |---|---|---|
 * | 1 | Deployment, StatefulSet, DaemonSet that Reloader restarts | `reloader` |
 * | 2 | any other Deployment, StatefulSet, DaemonSet | `rollout` (the portal restarts it) |
 * | 3 | CronJob, Job | `next-run` |
 * | 4 | a Pod no controller owns | `manual` |
 */
export function restartModeOf(
  kind: ConsumerKindEnum,
  reloader: boolean,
): ConsumerRestartEnum {
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return reloader ? 'reloader' : 'rollout';
    case 'CronJob':
    case 'Job':
      return 'next-run';
    default:
      return 'manual';
  }
}
