import { z } from 'zod';
import { validateTemplate } from '@internal/plugin-secrets-sync-common';

/**
 * A name template of a contract, e.g. `sites-{tenant}`, checked by the
 * contract's own rule ({@link validateTemplate}): it must contain
 * `{tenant}`, or every tenant would share one namespace or one AWS secret.
 */
export function tenantTemplate(fallback: string) {
  return z
    .string()
    .superRefine((template, context) => {
      const problem = validateTemplate(template);
      if (problem) {
        context.addIssue({ code: 'custom', message: problem });
      }
    })
    .default(fallback);
}

/** A string setting of a contract with its default. */
export function text(fallback: string) {
  return z.string().default(fallback);
}
