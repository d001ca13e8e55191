import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createMutationAuditor } from '../lib/audit';
import { createOpenApiRouter } from '../schema/openapi';
import type { FleetService } from '../services/Fleet';
import type { RateLimiter } from '../services/RateLimit';
import type { SecretsSyncService } from '../services/SecretsSync';
import { bindForceSync } from './bindForceSync';
import { bindReads } from './bindReads';
import { bindSetSyncEnabled } from './bindSetSyncEnabled';
import { bindWriteValues } from './bindWriteValues';
import { jsonBody } from './jsonBody';
import { createRouteContext } from './routeContext';

/**
 * The plugin's routes, generated from `openapi.yaml` so requests are
 * validated against the contract before a handler runs, one file per
 * endpoint. The policy they share (who asks, the entity they mean, the
 * restricted rule, rate limits) is the route context's; mutations run
 * through `runMutation`, which audits refusals and outcomes alike.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  secretsSync: SecretsSyncService;
  fleet: FleetService;
  rateLimiter: RateLimiter;
}) {
  const router = await createOpenApiRouter({ middleware: jsonBody() });
  const ctx = createRouteContext({
    ...options,
    audit: createMutationAuditor(options.auditor),
  });
  bindReads(router, ctx);
  bindWriteValues(router, ctx);
  bindForceSync(router, ctx);
  bindSetSyncEnabled(router, ctx);
  return router;
}
