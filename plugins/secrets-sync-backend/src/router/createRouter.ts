import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createMutationAuditor } from './mutationAudit';
import { createOpenApiRouter } from '../schema/openapi';
import type { FleetService } from '../services/Fleet';
import type { HistoryService } from '../services/History';
import { createMutationPolicy } from '../services/MutationPolicy';
import type { RateLimiter } from '../services/RateLimit';
import type { SecretsSyncService } from '../services/SecretsSync';
import type { WorkloadsService } from '../services/Workloads';
import { bindForceSync } from './bindForceSync';
import { bindHistory } from './bindHistory';
import { bindReads } from './bindReads';
import { bindRollback } from './bindRollback';
import { bindRestartWorkloads } from './bindRestartWorkloads';
import { bindSetSyncEnabled } from './bindSetSyncEnabled';
import { bindWriteValues } from './bindWriteValues';
import { jsonBody } from './jsonBody';
import { createRouteContext } from './routeContext';

/**
 * The plugin's routes, generated from `openapi.yaml` so requests are
 * validated against the contract before a handler runs, one file per
 * endpoint. Who may do what (the permission, the restricted rule, the rate
 * limits, the binding) is the mutation policy's; mutations run through
 * `runMutation`, which audits refusals and outcomes alike.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  secretsSync: SecretsSyncService;
  fleet: FleetService;
  history: HistoryService;
  workloads: WorkloadsService;
  rateLimiter: RateLimiter;
}) {
  const router = await createOpenApiRouter({ middleware: jsonBody() });
  const ctx = createRouteContext({
    ...options,
    audit: createMutationAuditor(options.auditor),
    policy: createMutationPolicy(options),
  });
  bindReads(router, ctx);
  bindWriteValues(router, ctx);
  bindForceSync(router, ctx);
  bindSetSyncEnabled(router, ctx);
  bindHistory(router, ctx);
  bindRollback(router, ctx);
  bindRestartWorkloads(router, ctx);
  return router;
}
