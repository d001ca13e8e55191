import { z } from 'zod';
import type { AnyEngineDefinition } from '../services/SyncEngine/types';
import { configErrorMap } from './configSchemas';
import type { EngineConfig } from './types';

/**
 * An environment's `engine` block: `type` picks an engine of the registry
 * (the first by default), whose own schema reads the rest of the block.
 */
export function engineSchema(engines: readonly AnyEngineDefinition[]) {
  const known = engines.map(engine => engine.type);
  return z
    .looseObject({ type: z.string().default(known[0]) })
    .default({ type: known[0] })
    .transform((block, ctx): EngineConfig => {
      const { type, ...rest } = block;
      const definition = engines.find(engine => engine.type === type);
      if (!definition) {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          message: `unknown engine "${type}"; known: ${known.join(', ')}`,
        });
        return z.NEVER;
      }
      const contract = definition.contractSchema.safeParse(rest, {
        error: configErrorMap,
      });
      if (!contract.success) {
        contract.error.issues.forEach(issue =>
          ctx.addIssue({ ...issue, code: 'custom' }),
        );
        return z.NEVER;
      }
      return { type, contract: contract.data };
    });
}
