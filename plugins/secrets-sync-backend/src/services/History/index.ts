export type * from './types';
export type { HistoryService } from './createHistoryService';
export { createHistoryService } from './createHistoryService';
export { createHistoryDigests } from './createHistoryDigests';
export {
  createHistoryStore,
  createKnexHistoryStore,
} from './createHistoryStore';
export { createSecretVersions } from './createSecretVersions';
export { scheduleHistoryRetention } from './scheduleHistoryRetention';
export { createPluginHistory } from './createPluginHistory';
