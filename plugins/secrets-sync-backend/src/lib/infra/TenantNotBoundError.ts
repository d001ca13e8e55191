import { NotAllowedError } from '@backstage/errors';

/**
 * A mutation or a view refused because the platform has not bound the
 * tenant's namespace to the requesting entity. Answered as 403; shown as an
 * environment's `not-bound` reason. Its message never names another entity.
 */
export class TenantNotBoundError extends NotAllowedError {}
