import { WorkQueue } from './WorkQueue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise(resolve => setImmediate(resolve));
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('WorkQueue', () => {
  it('never handles the same key twice at once, and re-runs a key added meanwhile', async () => {
    const gate = deferred();
    const calls: string[] = [];
    let inFlight = 0;
    let maxInFlightForA = 0;
    const queue = new WorkQueue({
      concurrency: 4,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
      handler: async key => {
        calls.push(key);
        inFlight += 1;
        maxInFlightForA = Math.max(maxInFlightForA, inFlight);
        if (calls.length === 1) {
          await gate.promise;
        }
        inFlight -= 1;
      },
    });
    queue.start();
    queue.add('a');
    await tick();
    queue.add('a');
    queue.add('a');
    await tick();
    expect(calls).toEqual(['a']);
    gate.resolve();
    await sleep(5);
    expect(calls).toEqual(['a', 'a']);
    expect(maxInFlightForA).toBe(1);
    await queue.stop();
  });

  it('deduplicates keys that are waiting', async () => {
    const calls: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
      handler: async key => {
        calls.push(key);
      },
    });
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.length).toBe(2);
    queue.start();
    await sleep(5);
    expect(calls).toEqual(['a', 'b']);
    await queue.stop();
  });

  it('bounds how many keys run in parallel', async () => {
    const gate = deferred();
    let inFlight = 0;
    let maxInFlight = 0;
    const queue = new WorkQueue({
      concurrency: 2,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
      handler: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await gate.promise;
        inFlight -= 1;
      },
    });
    queue.start();
    ['a', 'b', 'c', 'd', 'e'].forEach(key => queue.add(key));
    await tick();
    expect(inFlight).toBe(2);
    expect(queue.length).toBe(3);
    gate.resolve();
    await sleep(5);
    expect(maxInFlight).toBe(2);
    expect(queue.length).toBe(0);
    await queue.stop();
  });

  it('retries a failing key with exponential backoff and resets after success', async () => {
    const attempts: number[] = [];
    const delays: number[] = [];
    const start = Date.now();
    const queue = new WorkQueue({
      concurrency: 1,
      backoffBaseMs: 20,
      backoffMaxMs: 50,
      onRetry: (_key, _error, delayMs) => delays.push(delayMs),
      handler: async () => {
        attempts.push(Date.now() - start);
        if (attempts.length <= 3) {
          throw new Error('throttled');
        }
      },
    });
    queue.start();
    queue.add('a');
    await sleep(250);
    expect(delays).toEqual([20, 40, 50]);
    expect(attempts).toHaveLength(4);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(18);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(38);
    expect(queue.failuresOf('a')).toBe(0);
    await queue.stop();
  });

  it('lets a fresh add pre-empt a pending retry', async () => {
    let attempts = 0;
    const queue = new WorkQueue({
      concurrency: 1,
      backoffBaseMs: 10_000,
      backoffMaxMs: 10_000,
      handler: async () => {
        attempts += 1;
        if (attempts === 1) {
          throw new Error('unreachable');
        }
      },
    });
    queue.start();
    queue.add('a');
    await sleep(5);
    expect(attempts).toBe(1);
    queue.add('a');
    await sleep(5);
    expect(attempts).toBe(2);
    await queue.stop();
  });

  it('waits for keys in flight when stopped, and takes no more', async () => {
    const gate = deferred();
    const calls: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
      handler: async key => {
        calls.push(key);
        await gate.promise;
      },
    });
    queue.start();
    queue.add('a');
    queue.add('b');
    await tick();
    let stopped = false;
    const stopping = queue.stop().then(() => {
      stopped = true;
    });
    await tick();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    queue.add('c');
    await sleep(5);
    expect(calls).toEqual(['a']);
  });

  it('reports depth on every change, and 0, 0 only once a key re-queued while handled has run again', async () => {
    const gates = [deferred(), deferred()];
    let calls = 0;
    const depths: Array<[number, number]> = [];
    const queue = new WorkQueue({
      concurrency: 2,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
      handler: async () => {
        await gates[calls++].promise;
      },
      onDepth: (waiting, active) => depths.push([waiting, active]),
    });
    queue.start();
    queue.add('a');
    await tick();
    queue.add('a');
    expect(depths.at(-1)).toEqual([0, 1]);
    gates[0].resolve();
    await tick();
    expect(calls).toBe(2);
    expect(depths.at(-1)).toEqual([0, 1]);
    expect(depths.slice(1)).not.toContainEqual([0, 0]);
    gates[1].resolve();
    await tick();
    expect(depths.at(-1)).toEqual([0, 0]);
    expect(queue.active).toBe(0);
  });
});
