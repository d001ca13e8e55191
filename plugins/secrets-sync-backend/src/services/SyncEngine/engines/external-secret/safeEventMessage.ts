/** The longest part of an ESO Event message the portal repeats. */
const MAX_LENGTH = 500;

/**
 * An ESO Event message as the portal may repeat it. Provider errors name
 * keys, versions and AWS error codes, never values; a template error may
 * quote what it rendered, values included, so it is summarised instead.
 */
export function safeEventMessage(message: string): string {
  if (/template/i.test(message)) {
    return 'ESO could not render the ExternalSecret’s template (its Events in the cluster say where)';
  }
  return message.length > MAX_LENGTH
    ? `${message.slice(0, MAX_LENGTH)}…`
    : message;
}
