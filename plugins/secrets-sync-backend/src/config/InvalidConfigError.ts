/** A setting that keeps the plugin from starting, named by its config path. */
export class InvalidConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`Invalid secrets-sync config at '${key}': ${problem}`);
    this.name = 'InvalidConfigError';
  }
}

/** Throws {@link InvalidConfigError} for `key` unless `condition` holds. */
export function check(
  condition: boolean,
  key: string,
  problem: string,
): asserts condition {
  if (!condition) {
    throw new InvalidConfigError(key, problem);
  }
}
