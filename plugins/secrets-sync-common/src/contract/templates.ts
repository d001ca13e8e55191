/**
 * The placeholder a contract template holds for the tenant key.
 *
 * @public
 */
export const TENANT_PLACEHOLDER = '{tenant}';

/**
 * Fills a contract template such as `sites-{tenant}` with a tenant key,
 * at every place it holds the placeholder.
 *
 * @public
 */
export function renderTemplate(template: string, tenantKey: string): string {
  return template.split(TENANT_PLACEHOLDER).join(tenantKey);
}

/**
 * Recovers the tenant key from a name rendered from `template` (a namespace
 * or an AWS key), or undefined when no non-empty tenant key renders exactly
 * that name. Holds for templates naming the tenant more than once, such as
 * `{tenant}-{tenant}`.
 *
 * @public
 */
export function tenantKeyFromNamespace(
  template: string,
  name: string,
): string | undefined {
  const parts = template.split(TENANT_PLACEHOLDER);
  const occurrences = parts.length - 1;
  if (occurrences === 0) {
    return undefined;
  }
  const fixed = template.length - occurrences * TENANT_PLACEHOLDER.length;
  const keyLength = (name.length - fixed) / occurrences;
  if (!Number.isInteger(keyLength) || keyLength <= 0) {
    return undefined;
  }
  const key = name.slice(parts[0].length, parts[0].length + keyLength);
  return renderTemplate(template, key) === name ? key : undefined;
}

/**
 * Why a contract template cannot be used, or undefined: it must hold
 * `{tenant}` (a template without it names one namespace or secret for every
 * tenant), and no other brace, so a misspelt placeholder such as `{Tenant}`
 * is refused at start-up instead of rendering literally. The message quotes
 * the template, which is configuration, never a secret.
 *
 * @public
 */
export function validateTemplate(template: string): string | undefined {
  if (!template.includes(TENANT_PLACEHOLDER)) {
    return `"${template}" must contain ${TENANT_PLACEHOLDER}`;
  }
  if (/[{}]/.test(template.split(TENANT_PLACEHOLDER).join(''))) {
    return `"${template}" has a brace outside ${TENANT_PLACEHOLDER}, the only placeholder a template may hold`;
  }
  return undefined;
}
