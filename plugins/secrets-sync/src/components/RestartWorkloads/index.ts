export { RestartWorkloads, staleRestartable } from './RestartWorkloads';
export { RestartWorkloadsDialog } from './RestartWorkloadsDialog';
export type { RestartWorkloadsDialogProps } from './RestartWorkloadsDialog';
