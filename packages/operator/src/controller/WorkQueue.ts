/**
 * Options of a {@link WorkQueue}.
 *
 * @public
 */
export interface WorkQueueOptions {
  /** Handles one key; a rejection schedules a retry with backoff. */
  handler: (key: string) => Promise<void>;
  /** Keys handled at the same time, never two for the same key. */
  concurrency: number;
  /** First retry delay; doubles with each consecutive failure of a key. */
  backoffBaseMs: number;
  /** Longest retry delay. */
  backoffMaxMs: number;
  /** Told about each failure and the delay before the retry. */
  onRetry?: (key: string, error: unknown, delayMs: number) => void;
  /**
   * Told the keys waiting and the keys being handled, synchronously after
   * every change of either; a key re-queued as its handler finishes is
   * never reported as `0, 0` in between, so `0, 0` means nothing is left
   * but retries waiting out their backoff.
   */
  onDepth?: (waiting: number, active: number) => void;
}

/**
 * A work queue in the style of client-go's: a key is queued at most once,
 * handled by at most one worker at a time (a key added while it is being
 * handled runs again afterwards), with bounded concurrency and per-key
 * exponential backoff on failure.
 *
 * @public
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly activeKeys = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<
    string,
    { at: number; timer: NodeJS.Timeout }
  >();
  private readonly idleWaiters: Array<() => void> = [];
  private running = false;

  constructor(private readonly options: WorkQueueOptions) {}

  /** Starts handing keys to workers. */
  start(): void {
    this.running = true;
    this.pump();
    this.reportDepth();
  }

  /**
   * Stops taking new keys, drops the queued ones and waits for the keys in
   * flight.
   */
  async stop(): Promise<void> {
    this.running = false;
    for (const { timer } of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.queue.length = 0;
    this.queued.clear();
    this.dirty.clear();
    this.reportDepth();
    if (this.activeKeys.size > 0) {
      await new Promise<void>(resolve => this.idleWaiters.push(resolve));
    }
  }

  /** Queues a key now; a pending delayed retry of it is superseded. */
  add(key: string): void {
    this.cancelTimer(key);
    if (this.activeKeys.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (!this.queued.has(key)) {
      this.queued.add(key);
      this.queue.push(key);
    }
    this.pump();
    this.reportDepth();
  }

  /** Queues a key after a delay, keeping an earlier pending one. */
  addAfter(key: string, delayMs: number): void {
    const at = Date.now() + delayMs;
    const pending = this.timers.get(key);
    if (pending && pending.at <= at) {
      return;
    }
    this.cancelTimer(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref?.();
    this.timers.set(key, { at, timer });
  }

  /** Keys waiting for a worker. */
  get length(): number {
    return this.queue.length;
  }

  /** Keys being handled now. */
  get active(): number {
    return this.activeKeys.size;
  }

  /** Consecutive failures of a key so far. */
  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  private cancelTimer(key: string): void {
    const pending = this.timers.get(key);
    if (pending) {
      clearTimeout(pending.timer);
      this.timers.delete(key);
    }
  }

  private pump(): void {
    while (
      this.running &&
      this.activeKeys.size < this.options.concurrency &&
      this.queue.length > 0
    ) {
      const key = this.queue.shift()!;
      this.queued.delete(key);
      this.activeKeys.add(key);
      void this.handle(key);
    }
  }

  private async handle(key: string): Promise<void> {
    try {
      await this.options.handler(key);
      this.failures.delete(key);
    } catch (error) {
      const failures = this.failuresOf(key) + 1;
      this.failures.set(key, failures);
      const delayMs = Math.min(
        this.options.backoffBaseMs * 2 ** (failures - 1),
        this.options.backoffMaxMs,
      );
      this.options.onRetry?.(key, error, delayMs);
      if (this.running && !this.dirty.has(key)) {
        this.addAfter(key, delayMs);
      }
    } finally {
      this.activeKeys.delete(key);
      if (this.dirty.delete(key) && this.running) {
        this.add(key);
      }
      if (this.activeKeys.size === 0) {
        this.idleWaiters.splice(0).forEach(resolve => resolve());
      }
      this.pump();
      this.reportDepth();
    }
  }

  private reportDepth(): void {
    this.options.onDepth?.(this.queue.length, this.activeKeys.size);
  }
}
