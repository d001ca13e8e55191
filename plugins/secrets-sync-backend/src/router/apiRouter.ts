import type { createOpenApiRouter } from '../schema/openapi';

/** The router generated from `openapi.yaml`: paths, parameters and bodies typed. */
export type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;
