import fs from 'node:fs';
import path from 'node:path';
import { readSandbox } from '@internal/sandbox';

/** User and system CPU time of a process, in ms, from /proc (10 ms ticks). */
export function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name, which may hold spaces, in parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function pidOf(file: string): number {
  return Number(fs.readFileSync(file, 'utf8').trim());
}

/** The sandbox's processes a benchmark keeps busy, by pid. */
export function sandboxPids() {
  const { stateDir } = readSandbox();
  return {
    moto: pidOf(path.join(stateDir, 'moto.pid')),
    apiServers: (['dev', 'prod'] as const).map(cluster =>
      pidOf(path.join(stateDir, cluster, 'kube-apiserver.pid')),
    ),
  };
}

/** This process's CPU time in ms: the backend under measurement and the bench's client. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
