/** A setting that keeps the plugin from starting, named by its config path. */
export class InvalidConfigError extends Error {
  constructor(key: string, problem: string, ...more: Array<[string, string]>) {
    super(
      [[key, problem] as const, ...more]
        .map(([at, what]) => `Invalid secrets-sync config at '${at}': ${what}`)
        .join('; also: '),
    );
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
