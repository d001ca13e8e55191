import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';

/**
 * True when the Kubernetes Secret reflects a write: the environment is
 * synced, every written key is in the Secret and in sync, and no unset key
 * remains.
 */
export function isMaterialised(
  env: EnvironmentTopology,
  written: { set: string[]; unset: string[] },
): boolean {
  if (env.status !== 'synced') {
    return false;
  }
  const byName = new Map(env.keys.map(k => [k.name, k]));
  return (
    written.set.every(name => {
      const key = byName.get(name);
      return key !== undefined && key.inSecret && key.inSync;
    }) && written.unset.every(name => !byName.get(name)?.inSecret)
  );
}
