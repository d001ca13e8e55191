export { parseEntityParams } from '@internal/plugin-secrets-sync-common';
export { canonicalEntityRef, sameEntityRef } from '../lib/domain/entityRefs';
