import type { EnvironmentConfig } from '../../config';
import { bindEngine } from './bindEngine';
import { ENGINES } from './registry';
import type {
  AnyEngineDefinition,
  BoundSyncEngine,
  BoundSyncEngineResolver,
  EngineDeps,
} from './types';

/**
 * The engines of the registry bound to the services, picked by each
 * environment's `engine.type`.
 */
export function createSyncEngines(
  options: Omit<EngineDeps, 'now'> & {
    now?: () => Date;
    /** The engines to offer; defaults to the registry. */
    engines?: readonly AnyEngineDefinition[];
  },
): BoundSyncEngineResolver {
  const { engines = ENGINES, ...deps } = options;
  const bound = new Map<string, BoundSyncEngine>(
    engines.map(definition => [definition.type, bindEngine(definition, deps)]),
  );
  return (environment: EnvironmentConfig) => {
    const engine = bound.get(environment.engine.type);
    if (!engine) {
      throw new Error(
        `Environment ${environment.name} uses the ${environment.engine.type} engine, which is not registered`,
      );
    }
    return engine;
  };
}
