import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * A root logger that keeps every line (message, meta, error) as text, so
 * tests can prove a value never reached a log.
 */
export function capturingRootLogger() {
  const lines: string[] = [];
  const record =
    (level: string) => (message: string, meta?: Error | object) => {
      lines.push(
        `${level} ${message} ${JSON.stringify(
          meta,
          Object.getOwnPropertyNames(meta ?? {}),
        )}`,
      );
    };
  const logger: LoggerService = {
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    child: () => logger,
  };
  const mock = mockServices.rootLogger.mock({ ...logger, child: () => logger });
  return { factory: mock.factory, lines };
}

/**
 * An auditor that keeps every event with its outcome, as text and as data.
 */
export function capturingAuditor() {
  const events: Array<{
    eventId: string;
    meta: Record<string, unknown>;
    outcome?: 'success' | 'fail';
    outcomeMeta?: Record<string, unknown>;
    error?: string;
  }> = [];
  const mock = mockServices.auditor.mock({
    createEvent: async options => {
      const event: (typeof events)[number] = {
        eventId: options.eventId,
        meta: { ...options.meta },
      };
      events.push(event);
      return {
        success: async result => {
          event.outcome = 'success';
          event.outcomeMeta = { ...result?.meta };
        },
        fail: async result => {
          event.outcome = 'fail';
          event.outcomeMeta = { ...result.meta };
          event.error = `${result.error.name}: ${result.error.message}`;
        },
      };
    },
  });
  return {
    factory: mock.factory,
    auditor: mock,
    events,
    text: () => JSON.stringify(events),
  };
}
