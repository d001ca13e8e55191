import type {
  EnvironmentHops,
  EnvironmentTopology,
  HopHealth,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';

/**
 * How healthy the Secret is once it exists, by the environment's status:
 * the same judgement clients show for the status itself.
 */
const SECRET_HEALTH: Record<SyncStatus, HopHealth['health']> = {
  synced: 'ok',
  pending: 'progress',
  drifted: 'warning',
  'not-enabled': 'inactive',
  'upstream-missing': 'inactive',
  unowned: 'error',
  'namespace-missing': 'warning',
  error: 'error',
};

function awsHop(env: EnvironmentTopology): HopHealth {
  const { aws, reason } = env;
  // the failing hop says so first; a secret scheduled for deletion still exists
  if (reason?.hop === 'aws') {
    return { health: 'error', state: reason.code };
  }
  if (aws.deletionScheduledAt) {
    return { health: 'warning', state: 'deletion scheduled' };
  }
  return aws.exists
    ? { health: 'ok' }
    : { health: 'inactive', state: 'not created' };
}

function namespaceHop(env: EnvironmentTopology): HopHealth {
  const { kubernetes, reason } = env;
  if (reason?.hop === 'kubernetes') {
    return { health: 'error', state: reason.code };
  }
  if (!kubernetes.namespaceExists) {
    return { health: 'warning', state: 'missing' };
  }
  return kubernetes.optedIn
    ? { health: 'ok', state: 'sync enabled' }
    : { health: 'inactive', state: 'sync not enabled' };
}

function secretHop(env: EnvironmentTopology): HopHealth {
  const { secret } = env.kubernetes;
  let state = `${env.keys.filter(k => k.inSync).length}/${
    env.keys.length
  } keys in sync`;
  if (!secret) {
    state = 'not created';
  } else if (!secret.owned) {
    state = 'not owned by the operator';
  }
  // an error anywhere means the Secret cannot be trusted to be current
  if (env.status === 'error') {
    return { health: 'error', state };
  }
  return { health: secret ? SECRET_HEALTH[env.status] : 'inactive', state };
}

function workloadHops(env: EnvironmentTopology): HopHealth[] {
  const hasSecret = Boolean(env.kubernetes.secret);
  return env.consumers.map(consumer => {
    const stale = consumer.stalePods.length;
    if (!hasSecret) {
      return { health: 'inactive' };
    }
    return stale > 0
      ? {
          health: 'warning',
          state: `${stale} pod${stale === 1 ? '' : 's'} on old values`,
        }
      : { health: 'ok' };
  });
}

/**
 * Judges each hop of one environment — the AWS secret, the namespace, the
 * Kubernetes Secret and each consuming workload — from the facts read for
 * it, once on the server, so every client shows the same health.
 */
export function hopHealth(env: EnvironmentTopology): EnvironmentHops {
  return {
    aws: awsHop(env),
    namespace: namespaceHop(env),
    secret: secretHop(env),
    workloads: workloadHops(env),
  };
}

/** The environment with its hops judged; the facts are kept as they are. */
export function withHopHealth(env: EnvironmentTopology): EnvironmentTopology {
  return { ...env, hops: hopHealth(env) };
}
