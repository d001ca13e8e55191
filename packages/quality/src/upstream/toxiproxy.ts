export {
  proxySandbox,
  startToxiproxy,
  ToxiproxyClient,
} from '@internal/sandbox';
export type {
  RunningToxiproxy,
  SandboxProxies,
  ToxiproxyProxy,
  ToxiproxyToxic,
  ToxiproxyToxicOptions,
} from '@internal/sandbox';
