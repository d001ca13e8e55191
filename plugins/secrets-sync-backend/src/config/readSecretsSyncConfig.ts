import type { Config } from '@backstage/config';
import { ENGINES } from '../services/SyncEngine/registry';
import type { AnyEngineDefinition } from '../services/SyncEngine/types';
import {
  checkNamespaceLengths,
  checkTemplateOverlaps,
  checkTenantKeyPatternAnchored,
} from './checkTemplates';
import { configErrorMap, configPath } from './configSchemas';
import { InvalidConfigError } from './InvalidConfigError';
import { secretsSyncSchema } from './secretsSyncSchema';
import type { SecretsSyncConfig } from './types';

const SECTION = 'secretsSync';

/**
 * Reads and validates the `secretsSync` section, applying every default.
 * Throws at start-up with a message naming the offending key (and every
 * other one wrong besides), never quoting a value that could be secret.
 *
 * @param options.engines - the engines an environment may name; the registry's by default.
 * @public
 */
export function readSecretsSyncConfig(
  config: Config,
  options: { engines?: readonly AnyEngineDefinition[] } = {},
): SecretsSyncConfig {
  const parsed = secretsSyncSchema(options.engines ?? ENGINES).safeParse(
    config.getOptional(SECTION) ?? {},
    { error: configErrorMap },
  );
  if (!parsed.success) {
    const [first, ...others] = parsed.error.issues.map(
      (issue): [string, string] => [
        configPath(SECTION, issue.path),
        issue.message,
      ],
    );
    throw new InvalidConfigError(...first, ...others);
  }
  const settings = parsed.data;
  // the {tenant} template checks, which look across environments
  checkTenantKeyPatternAnchored(
    config.getOptionalString(`${SECTION}.tenantKeyPattern`) ??
      settings.tenantKeyPattern.source,
  );
  checkNamespaceLengths(settings.tenantKeyPattern, settings.environments);
  checkTemplateOverlaps(settings.environments);
  return settings;
}
