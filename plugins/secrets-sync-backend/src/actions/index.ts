import { registerForceSyncAction } from './registerForceSyncAction';
import { registerGetTopologyAction } from './registerGetTopologyAction';
import { registerWriteValuesAction } from './registerWriteValuesAction';
import type { ActionDeps } from './types';

/**
 * Registers the plugin's actions with the actions registry (served to MCP
 * clients by the MCP actions backend, and to anything that invokes actions):
 * each is one of the plugin's routes, called as the person who called the
 * action, so the routes' authorisation and audit are the actions'.
 */
export function registerSecretsSyncActions(deps: ActionDeps) {
  registerGetTopologyAction(deps);
  registerWriteValuesAction(deps);
  registerForceSyncAction(deps);
}
