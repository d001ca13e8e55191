import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { uniqueName } from '../harness/entities';
import { BenchStack, request } from './benchStack';
import { p1Environments } from './p1Topology';
import { cpuMsOf, ownCpuMs, sandboxPids } from './processCpu';
import { benchEntities, BenchTenant, seedTenants } from './seedTenants';
import { round1 } from './stats';

/** CPU milliseconds per view of each process the view keeps busy. @public */
export interface ViewCpu {
  /** This process: the backend under measurement and the bench's own client. */
  backendMs: number;
  kubeApiServersMs: number;
  motoMs: number;
  toxiproxyMs: number;
}

/** What one topology view costs, caches off. @public */
export interface ViewTrace {
  environments: number;
  /** Wall time per view without added latency. */
  wallMs: number;
  cpu: ViewCpu;
  awsCalls: number;
  kubernetesCalls: number;
  /** With latency added: from the request until the backend sent its first upstream call. */
  beforeFirstCallMs: number;
  /** With latency added: from the first upstream call sent to the last answered. */
  upstreamSpanMs: number;
  /** With latency added: from the last upstream answer until the view answered. */
  afterLastAnswerMs: number;
}

/** P1's trace: where a cold view's time goes. @public */
export interface P1TraceResult {
  latencyPerCallMs: number;
  views: number;
  six: ViewTrace;
  one: ViewTrace;
}

/** One view's upstream calls: when each was sent and answered. */
function recordCalls(hosts: Map<string, 'aws' | 'kube'>) {
  const sent = new Map<ClientRequest, number>();
  const calls: { upstream: string; sentAt: number; answeredAt: number }[] = [];
  const onStart = (message: unknown) => {
    sent.set(
      (message as { request: ClientRequest }).request,
      performance.now(),
    );
  };
  const onFinish = (message: unknown) => {
    const { request: call } = message as { request: ClientRequest };
    const upstream = hosts.get(String(call.getHeader('host')));
    const sentAt = sent.get(call);
    if (upstream && sentAt !== undefined) {
      calls.push({ upstream, sentAt, answeredAt: performance.now() });
    }
  };
  diagnosticsChannel.subscribe('http.client.request.start', onStart);
  diagnosticsChannel.subscribe('http.client.response.finish', onFinish);
  return {
    calls,
    stop() {
      diagnosticsChannel.unsubscribe('http.client.request.start', onStart);
      diagnosticsChannel.unsubscribe('http.client.response.finish', onFinish);
    },
  };
}

/**
 * P1 trace: one six-environment and one one-environment topology view,
 * caches off, taken apart: the CPU each process of the stack spends per view
 * (no latency), the calls it sends, and, with latency, how long the backend
 * works before its first upstream call and after the last answer. It says
 * where P1's ratio goes on this machine: in waiting, or in work the two
 * cores share.
 *
 * @public
 */
export async function runP1Trace(
  stack: BenchStack,
  options: { latencyMs: number; views: number },
): Promise<P1TraceResult> {
  const environments = p1Environments();
  const six: BenchTenant = { key: uniqueName('p1t-six'), environments };
  const one: BenchTenant = {
    key: uniqueName('p1t-one'),
    environments: [environments[0]],
  };
  const backend = await stack.startBackend({
    environments,
    entities: benchEntities([six, one]),
    uncached: true,
  });
  await stack.setLatency(0);
  await seedTenants(backend, [six, one]);
  const pids = { ...sandboxPids(), toxiproxy: stack.toxiproxy.pid };
  const host = (url: string) => new URL(url).host;
  const hosts = new Map<string, 'aws' | 'kube'>([
    [host(stack.proxies.aws.endpoint), 'aws'],
    ...Object.values(stack.proxies.clusters).map(
      cluster => [host(cluster.server), 'kube'] as [string, 'kube'],
    ),
  ]);
  const trace = async (tenant: BenchTenant): Promise<ViewTrace> => {
    const view = () =>
      request(
        backend,
        'GET',
        `/entities/component/default/${tenant.key}/topology`,
      );
    for (let i = 0; i < 5; i++) {
      await view();
    }
    const apiServersMs = () =>
      pids.apiServers.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
    const before = {
      backend: ownCpuMs(),
      apiServers: apiServersMs(),
      moto: cpuMsOf(pids.moto),
      toxiproxy: cpuMsOf(pids.toxiproxy),
    };
    const recorder = recordCalls(hosts);
    const started = performance.now();
    for (let i = 0; i < options.views; i++) {
      await view();
    }
    const wallMs = (performance.now() - started) / options.views;
    recorder.stop();
    const perView = (ms: number) => round1(ms / options.views);
    const cpu: ViewCpu = {
      backendMs: perView(ownCpuMs() - before.backend),
      kubeApiServersMs: perView(apiServersMs() - before.apiServers),
      motoMs: perView(cpuMsOf(pids.moto) - before.moto),
      toxiproxyMs: perView(cpuMsOf(pids.toxiproxy) - before.toxiproxy),
    };
    const count = (upstream: string) =>
      recorder.calls.filter(call => call.upstream === upstream).length /
      options.views;

    await stack.setLatency(options.latencyMs);
    await view();
    const timeline = recordCalls(hosts);
    const viewStarted = performance.now();
    await view();
    const viewEnded = performance.now();
    timeline.stop();
    await stack.setLatency(0);
    const firstSent = Math.min(...timeline.calls.map(call => call.sentAt));
    const lastAnswered = Math.max(
      ...timeline.calls.map(call => call.answeredAt),
    );
    return {
      environments: tenant.environments.length,
      wallMs: round1(wallMs),
      cpu,
      awsCalls: round1(count('aws')),
      kubernetesCalls: round1(count('kube')),
      beforeFirstCallMs: round1(firstSent - viewStarted),
      upstreamSpanMs: round1(lastAnswered - firstSent),
      afterLastAnswerMs: round1(viewEnded - lastAnswered),
    };
  };
  try {
    return {
      latencyPerCallMs: options.latencyMs,
      views: options.views,
      six: await trace(six),
      one: await trace(one),
    };
  } finally {
    await stack.setLatency(0);
  }
}

/** The trace's rows in the bench table. @public */
export function p1TraceRows(result: P1TraceResult) {
  return [result.six, result.one].flatMap(view => {
    const { cpu } = view;
    const stackMs = round1(cpu.kubeApiServersMs + cpu.motoMs + cpu.toxiproxyMs);
    return [
      {
        benchmark: 'P1 trace',
        figure: `${view.environments}-environment view, caches off, no latency: wall / CPU of backend, API servers, moto, toxiproxy (ms per view)`,
        value: `${view.wallMs} / ${cpu.backendMs}, ${cpu.kubeApiServersMs}, ${cpu.motoMs}, ${cpu.toxiproxyMs} (stack ${stackMs})`,
      },
      {
        benchmark: 'P1 trace',
        figure: `${view.environments}-environment view: upstream calls per view (AWS, Kubernetes)`,
        value: `${view.awsCalls}, ${view.kubernetesCalls}`,
      },
      {
        benchmark: 'P1 trace',
        figure: `${view.environments}-environment view at ${result.latencyPerCallMs} ms per call: before the first call / first call to last answer / after it (ms)`,
        value: `${view.beforeFirstCallMs} / ${view.upstreamSpanMs} / ${view.afterLastAnswerMs}`,
      },
    ];
  });
}
