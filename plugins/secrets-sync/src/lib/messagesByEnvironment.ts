/** Where an environment's part of a joined message starts, or -1. */
function partStart(message: string, environment: string): number {
  if (message.startsWith(`${environment}: `)) {
    return 0;
  }
  const index = message.indexOf(`; ${environment}: `);
  return index === -1 ? -1 : index + 2;
}

/**
 * One message per environment from an error that answered a write to
 * several. The backend answers a write that failed everywhere with one error
 * naming each environment's failure in turn (`dev: …; prod: …`); that is
 * split so each environment shows its own. Any other message (a refusal of
 * the whole request) applies to every environment as it is.
 */
export function messagesByEnvironment(
  message: string,
  environments: string[],
): Record<string, string> {
  const whole = Object.fromEntries(environments.map(env => [env, message]));
  if (environments.length < 2) {
    return whole;
  }
  const starts = environments
    .map(environment => ({ environment, at: partStart(message, environment) }))
    .sort((a, b) => a.at - b.at);
  if (starts[0].at !== 0 || starts.some(({ at }) => at === -1)) {
    return whole;
  }
  return Object.fromEntries(
    starts.map(({ environment, at }, index) => {
      const end =
        index + 1 < starts.length ? starts[index + 1].at - 2 : message.length;
      return [environment, message.slice(at + environment.length + 2, end)];
    }),
  );
}
