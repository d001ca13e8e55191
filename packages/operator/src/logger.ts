import type { LogLevel } from './config/readOperatorConfig';

/**
 * Structured fields of a log line. Callers pass names, keys and reasons,
 * never secret values.
 *
 * @public
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

/**
 * The operator's logger.
 *
 * @public
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * A logger writing one JSON object per line, the format log pipelines in a
 * cluster parse without configuration.
 *
 * @public
 */
export function createLogger(options: {
  level: LogLevel;
  write?: (line: string) => void;
}): Logger {
  const write = options.write ?? (line => process.stdout.write(`${line}\n`));
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (RANK[level] < RANK[options.level]) {
      return;
    }
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        msg: message,
        ...fields,
      }),
    );
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
}
