import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A redis-server of the caller's own (Debian's, as redis.sh runs it), on a
 * free port, so a test can kill it without touching the one the test
 * scripts started.
 *
 * @public
 */
export interface PrivateRedis {
  url: string;
  /** Kills the server, as a crashed Redis would go. */
  kill(): Promise<void>;
  /** Starts an empty server again on the same port (after kill: a Redis restarted by its supervisor). */
  restart(): Promise<void>;
}

/** Starts redis-server on `port` and waits until it accepts connections. */
async function spawnRedis(port: number): Promise<ChildProcess> {
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) {
      break;
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  // never outlives this process, however it ends
  process.once('exit', () => child.kill('SIGKILL'));
  return child;
}

/** @public */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child = await spawnRedis(port);
  async function kill() {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    async restart() {
      await kill();
      child = await spawnRedis(port);
    },
  };
}
