import type { EngineContract, EnvironmentConfig } from '../../config';
import type { SecretChange } from '../../lib/domain/secretDocument';
import { awsSecretRefOf } from './readHelpers';
import { toEnvironmentTopology } from './topology/toEnvironmentTopology';
import type {
  BoundSyncEngine,
  EngineDefinition,
  EngineDeps,
  EngineFacts,
  SyncTarget,
} from './types';

/**
 * Turns an engine definition into the {@link BoundSyncEngine} the rest of
 * the backend uses: each call hands the definition its environment's
 * contract, and a status read is `readFacts`, then `derive`, then the
 * shared topology with the engine's own part.
 */
export function bindEngine<C extends EngineContract, F extends EngineFacts>(
  definition: EngineDefinition<C, F>,
  options: Omit<EngineDeps, 'now'> & { now?: () => Date },
): BoundSyncEngine {
  const deps: EngineDeps = { now: () => new Date(), ...options };

  function contractOf(environment: EnvironmentConfig): C {
    const { engine } = environment;
    if (engine.type !== definition.type) {
      throw new Error(
        `Environment ${environment.name} uses the ${engine.type} engine, not ${definition.type}`,
      );
    }
    return engine.contract as C;
  }

  const contract = (target: SyncTarget) => contractOf(target.environment);

  return {
    awsSecretRef: awsSecretRefOf,

    async readStatus(target) {
      const facts = await definition.readFacts(target, contract(target), deps);
      const derived = definition.derive(facts, {
        gracePeriodMs: deps.pendingGracePeriodMs,
      });
      return toEnvironmentTopology(target, facts, derived, {
        supports: definition.supports,
        ...definition.topology?.(facts, derived),
      });
    },

    ...(definition.writeValues
      ? {
          writeValues: (target: SyncTarget, change: SecretChange) =>
            definition.writeValues!(target, contract(target), change, deps),
        }
      : {}),

    afterWrite: target => definition.afterWrite(target, contract(target), deps),

    forceSync: target => definition.forceSync(target, contract(target), deps),

    setEnabled: (target, enabled) =>
      definition.setEnabled(target, contract(target), enabled, deps),

    fleetReads: environment => definition.fleetReads(contractOf(environment)),
  };
}
