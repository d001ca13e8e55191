import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
  DiscoveryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createSecretsSyncWriteAction } from '@internal/plugin-scaffolder-backend-module-secrets-sync';

/** The scaffolder's services the action is created with in the portal. */
interface ScaffolderServices {
  auth: AuthService;
  discovery: DiscoveryService;
  permissions: PermissionsService;
}

/** Who started a task: the credentials the scaffolder hands the action. */
export type Initiator =
  | { type: 'none' }
  | { type: 'service'; subject: string }
  | { type: 'user'; ref: string };

function credentialsOf(initiator: Initiator): BackstageCredentials {
  switch (initiator.type) {
    case 'none':
      return mockCredentials.none();
    case 'service':
      return mockCredentials.service(initiator.subject);
    default:
      return mockCredentials.user(initiator.ref);
  }
}

/** The HTTP status the scaffolder's task page would show for a step's error. */
const STATUS_BY_ERROR_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/**
 * `secrets-sync:write` as the scaffolder runs it, hosted in the test
 * backend as plugin `scaffolder` (so its calls to secrets-sync come from
 * plugin:scaffolder on the initiator's behalf, as in the portal), with
 * the services that plugin gets. `run` runs one step and answers like a
 * route: 200 and the step's output and log, or the error's status and
 * message.
 *
 * @public
 */
export function scaffolderWriteActionHost() {
  let services: ScaffolderServices | undefined;
  const plugin = createBackendPlugin({
    pluginId: 'scaffolder',
    register(reg) {
      reg.registerInit({
        deps: {
          auth: coreServices.auth,
          discovery: coreServices.discovery,
          permissions: coreServices.permissions,
        },
        async init(deps) {
          services = deps;
        },
      });
    },
  });

  async function run(
    initiator: Initiator,
    input: Record<string, unknown>,
    secrets: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    if (!services) {
      throw new Error('The scaffolder host has not started');
    }
    const action = createSecretsSyncWriteAction(services);
    const log: string[] = [];
    const outputs: Record<string, unknown> = {};
    const base = createMockActionContext({ input: input as never, secrets });
    const record = (message: unknown) => {
      log.push(String(message));
    };
    try {
      await action.handler({
        ...base,
        logger: {
          ...base.logger,
          info: record,
          warn: record,
          error: record,
        } as typeof base.logger,
        getInitiatorCredentials: async () => credentialsOf(initiator),
        output: (name: string, value: unknown) => {
          outputs[name] = value;
        },
      } as typeof base);
      return { status: 200, text: JSON.stringify({ outputs, log }) };
    } catch (error) {
      const { name, message } = error as Error;
      return {
        status: STATUS_BY_ERROR_NAME[name] ?? 500,
        text: JSON.stringify({ error: { message }, log }),
      };
    }
  }

  return { plugin, run };
}
