import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';

type Labels = Parameters<LoggerService['child']>[0];

/** One line a backend logged, with its logger's labels. @public */
export interface LoggedLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  labels: Labels;
}

class RecordingLogger implements LoggerService {
  constructor(
    private readonly lines: LoggedLine[],
    private readonly labels: Labels,
  ) {}
  error(message: string) {
    this.lines.push({ level: 'error', message, labels: this.labels });
  }
  warn(message: string) {
    this.lines.push({ level: 'warn', message, labels: this.labels });
  }
  info(message: string) {
    this.lines.push({ level: 'info', message, labels: this.labels });
  }
  debug(message: string) {
    this.lines.push({ level: 'debug', message, labels: this.labels });
  }
  child(meta: Labels): LoggerService {
    return new RecordingLogger(this.lines, { ...this.labels, ...meta });
  }
}

/**
 * A root logger service that keeps what one backend logs (messages and
 * labels, not meta), so a test can assert what an operator would read.
 *
 * @public
 */
export function recordingRootLogger() {
  const lines: LoggedLine[] = [];
  return {
    lines,
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => new RecordingLogger(lines, {}),
    }),
  };
}
