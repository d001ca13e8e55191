import {
  createBackendModule,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';

/** The part of the catalog's `catalog.processing` extension point this module uses. */
interface CatalogProcessing {
  addProcessor(processor: {
    getProcessorName(): string;
    validateEntityKind(entity: Entity): Promise<boolean>;
  }): void;
}

/**
 * The catalog's processing extension point, by its id: the backend matches
 * extension points by id, so this refers to the one
 * `@backstage/plugin-catalog-node` declares.
 */
const catalogProcessing = createExtensionPoint<CatalogProcessing>({
  id: 'catalog.processing',
});

/**
 * Lets the catalog accept `scaffolder.backstage.io/v1beta3` Template
 * entities, for a portal without
 * `@backstage/plugin-catalog-backend-module-scaffolder-entity-model` (which
 * also validates them against the Template schema; prefer it where it is
 * installed). The scaffolder checks a template's parameters and steps when
 * it runs one.
 *
 * @public
 */
export const catalogModuleTemplateKind = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'secrets-sync-template-kind',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessing },
      async init({ catalog }) {
        catalog.addProcessor({
          getProcessorName: () => 'SecretsSyncTemplateKindProcessor',
          async validateEntityKind(entity) {
            const spec = entity.spec as { steps?: unknown } | undefined;
            return (
              entity.apiVersion === 'scaffolder.backstage.io/v1beta3' &&
              entity.kind === 'Template' &&
              Array.isArray(spec?.steps)
            );
          },
        });
      },
    });
  },
});
