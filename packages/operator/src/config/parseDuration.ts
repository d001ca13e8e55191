const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go-style duration such as `15m`, `30s`, `1h30m` or `500ms` into
 * milliseconds, the format Kubernetes operators take on their command line.
 *
 * @throws when the text is not a positive duration.
 * @public
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const parts = trimmed.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/g);
  if (!parts || parts.join('') !== trimmed) {
    throw new Error(
      `"${text}" is not a duration: use a number with a unit, such as 500ms, 30s, 15m or 1h`,
    );
  }
  const total = parts.reduce((sum, part) => {
    const [, amount, unit] = part.match(/^(\d+(?:\.\d+)?)(ms|s|m|h)$/)!;
    return sum + Number(amount) * UNIT_MS[unit];
  }, 0);
  if (total <= 0) {
    throw new Error(`"${text}" must be longer than zero`);
  }
  return Math.round(total);
}
