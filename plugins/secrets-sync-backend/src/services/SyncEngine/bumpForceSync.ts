import { nextForceSyncStamp } from '@internal/plugin-secrets-sync-common';
import { UpstreamError } from '../../lib/infra/upstreamErrors';

/** Conflicting bumps redone before giving up; each conflict means another bump landed. */
const MAX_BUMP_ATTEMPTS = 5;

/** Anything whose annotations a force sync bumps: a Namespace, an ExternalSecret. */
type Annotated = {
  metadata?: { annotations?: Record<string, string>; resourceVersion?: string };
};

/**
 * Moves a force-sync annotation past its current value, patched on the
 * version of the object that value was read from. A concurrent bump (from
 * another request or replica) makes the patch conflict; it is redone on the
 * object as it is now, so every bump changes the value and none is lost.
 */
export async function bumpForceSync<T extends Annotated>(options: {
  object: T;
  annotation: string;
  now: () => Date;
  patch: (
    current: T,
    annotations: Record<string, string>,
    resourceVersion: string | undefined,
  ) => Promise<unknown>;
  /** The object as the API server has it now, bypassing any cache. */
  reread: (current: T) => Promise<T | undefined>;
}): Promise<void> {
  const { annotation, now, patch, reread } = options;
  let current = options.object;
  for (let attempt = 1; ; attempt++) {
    try {
      await patch(
        current,
        {
          [annotation]: nextForceSyncStamp(
            current.metadata?.annotations?.[annotation],
            now(),
          ),
        },
        current.metadata?.resourceVersion,
      );
      return;
    } catch (error) {
      const conflict =
        error instanceof UpstreamError && error.reason === 'conflict';
      if (!conflict || attempt >= MAX_BUMP_ATTEMPTS) {
        throw error;
      }
      const fresh = await reread(current);
      // a conflict without a newer version is not another bump: do not loop on it
      if (
        !fresh ||
        fresh.metadata?.resourceVersion === current.metadata?.resourceVersion
      ) {
        throw error;
      }
      current = fresh;
    }
  }
}
