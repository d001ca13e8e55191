export {
  proxySandbox,
  startToxiproxy,
  ToxiproxyClient,
} from '@internal/sandbox/src/toxiproxy';
export type {
  RunningToxiproxy,
  SandboxProxies,
  ToxiproxyProxy,
  ToxiproxyToxic,
  ToxiproxyToxicOptions,
} from '@internal/sandbox/src/toxiproxy';
