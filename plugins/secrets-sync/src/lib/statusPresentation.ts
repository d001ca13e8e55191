import type {
  EnvironmentTopology,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';

/** How healthy a status or a hop of the topology is, for colouring. */
export type Tone = 'ok' | 'progress' | 'warning' | 'error' | 'inactive';

/** How one status is shown to a person. */
export interface StatusPresentation {
  /** Short label for a chip. */
  label: string;
  tone: Tone;
  /** What the status means, in one sentence. */
  meaning: string;
}

/** The follow-up a person can take from the detail panel. */
export type NextAction = 'enable-sync' | 'write-values' | 'force-sync';

/** What the status means for one environment and what to do next. */
export interface EnvironmentExplanation extends StatusPresentation {
  nextStep: string;
  action?: NextAction;
}

/** Colours per tone, readable on both light and dark themes. */
export const TONE_COLOURS: Record<Tone, string> = {
  ok: '#2e7d32',
  progress: '#1565c0',
  warning: '#e65100',
  error: '#c62828',
  inactive: '#757575',
};

const PRESENTATIONS: Record<SyncStatus, StatusPresentation> = {
  synced: {
    label: 'Synced',
    tone: 'ok',
    meaning:
      'The Kubernetes Secret holds every key AWS Secrets Manager holds, with the same values.',
  },
  pending: {
    label: 'Pending',
    tone: 'progress',
    meaning:
      'AWS Secrets Manager changed moments ago and the Secret does not reflect it yet; this is expected right after a write or a force sync.',
  },
  drifted: {
    label: 'Drifted',
    tone: 'warning',
    meaning:
      'The Secret differs from AWS Secrets Manager past the grace period, or someone edited it in the cluster.',
  },
  'not-enabled': {
    label: 'Not enabled',
    tone: 'inactive',
    meaning:
      'AWS Secrets Manager holds values, but the namespace has not opted in, so nothing is synced into the cluster.',
  },
  'upstream-missing': {
    label: 'Nothing in AWS',
    tone: 'inactive',
    meaning:
      'Sync is enabled, but AWS Secrets Manager holds no secret for this component yet.',
  },
  unowned: {
    label: 'Unowned',
    tone: 'error',
    meaning:
      'A Secret of that name exists that the operator will not touch: it lacks the owner labels.',
  },
  'namespace-missing': {
    label: 'No namespace',
    tone: 'warning',
    meaning: 'The namespace does not exist in the cluster.',
  },
  error: {
    label: 'Error',
    tone: 'error',
    meaning: 'A read failed or the sync engine reports an error.',
  },
};

/** Label, tone and meaning of a status. */
export function presentStatus(status: SyncStatus): StatusPresentation {
  return PRESENTATIONS[status] ?? PRESENTATIONS.error;
}

const REASON_ADVICE: Record<string, string> = {
  'access-denied':
    'Ask the platform team to check the IAM role or RBAC permissions of the portal for this account and cluster.',
  throttled: 'AWS is throttling requests: reload in a minute.',
  unreachable:
    'The account or cluster could not be reached: check its endpoint and network, then reload.',
  'not-found': 'Something the sync expects is missing: check the names below.',
  conflict: 'Another change happened at the same time: reload and retry.',
  invalid: 'The stored data is not valid: rewrite the values.',
};

/**
 * What an environment's status means and the next step, phrased with its
 * own namespace, Secret and reason.
 */
export function explainEnvironment(
  env: EnvironmentTopology,
): EnvironmentExplanation {
  const { namespace, secretName, cluster } = env.kubernetes;
  if (env.withheld) {
    return {
      label: 'Not bound',
      tone: 'warning',
      meaning: `The platform has not bound namespace ${namespace} in cluster ${cluster} to this component, so nothing of this environment is shown or changed here.`,
      nextStep:
        env.reason?.message ??
        'Ask the platform team to bind the namespace to this component.',
    };
  }
  const presentation = presentStatus(env.status);
  // ESO said it will not refresh (CreatedOnce, a zero interval, a pinned
  // version): a force sync changes nothing, the warning says what does
  if (
    (env.status === 'pending' || env.status === 'drifted') &&
    env.eso?.warning
  ) {
    return {
      ...presentation,
      meaning:
        'The Secret differs from AWS Secrets Manager, and the External Secrets Operator will not bring it up to date by itself.',
      nextStep: env.eso.warning,
    };
  }
  switch (env.status) {
    case 'synced':
      return { ...presentation, nextStep: 'Nothing to do.' };
    case 'pending':
      return {
        ...presentation,
        nextStep:
          'Wait a minute. If it stays pending, force a sync so the operator re-reads AWS now.',
        action: 'force-sync',
      };
    case 'drifted':
      return {
        ...presentation,
        nextStep:
          'Force a sync so the Secret is rewritten from AWS; if it drifts again, find who edits it in the cluster.',
        action: 'force-sync',
      };
    case 'not-enabled':
      return {
        ...presentation,
        nextStep: `Enable sync: this opts namespace ${namespace} in, and the operator creates Secret ${secretName}.`,
        action: 'enable-sync',
      };
    case 'upstream-missing':
      // A secret scheduled for deletion refuses writes, and the operator
      // keeps the Secret it owns until the secret is restored or gone.
      if (env.aws.deletionScheduledAt) {
        return {
          ...presentation,
          meaning: `AWS secret ${env.aws.secretName} in account ${env.aws.accountId} is scheduled for deletion, so it cannot be read or written.`,
          nextStep: `Restore it in AWS Secrets Manager (restore-secret) to write values again.${
            env.kubernetes.secret?.owned
              ? ` The operator keeps Secret ${secretName} in ${namespace} until then, and deletes it once the AWS secret is deleted for good.`
              : ''
          }`,
        };
      }
      return {
        ...presentation,
        nextStep: `Write values to create ${env.aws.secretName} in account ${
          env.aws.accountId
        }.${
          env.kubernetes.secret?.owned
            ? ` Until then the operator deletes Secret ${secretName} it owns in ${namespace}, and workloads that read it lose those values.`
            : ''
        }`,
        action: 'write-values',
      };
    case 'unowned':
      return {
        ...presentation,
        meaning: `A Secret named ${secretName} exists in ${namespace} that the operator will not touch: it lacks the owner labels.`,
        nextStep: `Delete or rename that Secret in cluster ${cluster} (or add the owner labels if it should be managed), then force a sync.`,
        action: 'force-sync',
      };
    case 'namespace-missing':
      return {
        ...presentation,
        meaning: `Namespace ${namespace} does not exist in cluster ${cluster}.`,
        nextStep: `Ask the platform team to create namespace ${namespace}; sync starts once it exists and is enabled.`,
      };
    case 'error':
    default: {
      const advice = env.reason ? REASON_ADVICE[env.reason.code] : undefined;
      return {
        ...presentation,
        meaning: env.reason
          ? `${presentation.meaning} ${env.reason.message}`
          : presentation.meaning,
        nextStep:
          advice ??
          'Read the message below; if it is not clear, ask the platform team.',
      };
    }
  }
}
