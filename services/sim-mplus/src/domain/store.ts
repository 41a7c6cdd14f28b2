import { createStateFile } from '@koppel/sim-kit';
import { z } from 'zod';
import type { SimulatorState } from './model.js';
import { createInitialState } from './seed.js';

/** In-memory state, optionally mirrored to a JSON file; a mutation that throws leaves no trace. */
export type Store = {
  state(): SimulatorState;
  mutate<T>(change: (draft: SimulatorState) => T): T;
  reset(): void;
};

/**
 * The outline of a saved state: enough to refuse a file from another simulator or an older shape
 * with a clear message instead of failing later inside an operation.
 */
const savedStateSchema = z.looseObject({
  relations: z.array(z.looseObject({ relationNumber: z.number().int() })),
  products: z.array(z.looseObject({ productNumber: z.number().int(), articles: z.array(z.unknown()) })),
  branches: z.array(z.looseObject({ branchNumber: z.number().int() })),
  employees: z.array(z.looseObject({ employeeNumber: z.number().int() })),
  vatGroups: z.array(z.unknown()),
  deliveryMethods: z.array(z.unknown()),
  stock: z.record(z.string(), z.unknown()),
  stockHistory: z.array(z.unknown()),
  orders: z.array(z.looseObject({ orderId: z.string() })),
  counters: z.object({
    syncMarker: z.number().int(),
    stockId: z.number().int(),
    orderNumbers: z.record(z.string(), z.number().int()),
    lineId: z.number().int(),
  }),
});

export function createStore(stateFilePath?: string): Store {
  const file = createStateFile<unknown>(stateFilePath);
  let current = loadState(file.load(), stateFilePath);
  return {
    state: () => current,
    mutate(change) {
      const draft = structuredClone(current);
      const result = change(draft);
      current = draft;
      file.save(current);
      return result;
    },
    reset() {
      current = createInitialState();
      file.save(current);
    },
  };
}

function loadState(saved: unknown, path: string | undefined): SimulatorState {
  if (saved === undefined) return createInitialState();
  const parsed = savedStateSchema.safeParse(saved);
  if (!parsed.success)
    throw new Error(`State file ${path} is not a sim-mplus state: ${z.prettifyError(parsed.error)}`);
  // The outline matched; the rest was written by this simulator's own `save`.
  return parsed.data as unknown as SimulatorState;
}
