import net from 'node:net';
import { Counter, Registry } from 'prom-client';
import { createHealthServer, HealthServer } from './createHealthServer';

describe('createHealthServer', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function registryWithCounter() {
    const registry = new Registry();
    new Counter({
      name: 'probe_test_total',
      help: 'test',
      registers: [registry],
    }).inc();
    return registry;
  }

  it('answers probes with 200 or 503 and names the failing check', async () => {
    let ready = false;
    server = await createHealthServer({
      healthPort: 0,
      metricsPort: 0,
      host: '127.0.0.1',
      registry: registryWithCounter(),
      liveness: { ping: () => ({ ok: true, detail: 'ok' }) },
      readiness: {
        informers: () => ({
          ok: ready,
          detail: ready ? 'synced' : 'not synced',
        }),
      },
    });
    const base = `http://127.0.0.1:${server.healthPort}`;
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.text()).toContain('[-]informers not synced');
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('serves metrics on the health port when the ports are the same', async () => {
    server = await createHealthServer({
      healthPort: 0,
      metricsPort: 0,
      host: '127.0.0.1',
      registry: registryWithCounter(),
      liveness: {},
      readiness: {},
    });
    expect(server.metricsPort).toBe(server.healthPort);
    const metrics = await fetch(
      `http://127.0.0.1:${server.healthPort}/metrics`,
    );
    expect(await metrics.text()).toContain('probe_test_total 1');
  });

  it('serves metrics alone on a separate port', async () => {
    const metricsPort = await freePort();
    server = await createHealthServer({
      healthPort: 0,
      metricsPort,
      host: '127.0.0.1',
      registry: registryWithCounter(),
      liveness: {},
      readiness: {},
    });
    expect(server.metricsPort).toBe(metricsPort);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(await metrics.text()).toContain('probe_test_total 1');
    expect(
      (await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status,
    ).toBe(404);
    expect(
      (await fetch(`http://127.0.0.1:${server.healthPort}/metrics`)).status,
    ).toBe(404);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
