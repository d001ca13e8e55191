import { renderTemplate } from '@internal/plugin-secrets-sync-common';
import type { SyncTarget } from '../../types';
import type { PushSecretContract } from './contractSchema';

/** The source Secret's name in the management namespace; `{tenant}` may appear in it. */
export function sourceSecretNameOf(
  target: SyncTarget,
  contract: Pick<PushSecretContract, 'sourceSecretTemplate'>,
): string {
  return contract.sourceSecretTemplate.includes('{tenant}')
    ? renderTemplate(contract.sourceSecretTemplate, target.tenantKey)
    : contract.sourceSecretTemplate;
}
