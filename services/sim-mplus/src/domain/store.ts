import { createStateFile } from '@koppel/sim-kit';
import type { SimulatorState } from './model.js';
import { createInitialState } from './seed.js';

/** In-memory state, optionally mirrored to a JSON file; a mutation that throws leaves no trace. */
export type Store = {
  state(): SimulatorState;
  mutate<T>(change: (draft: SimulatorState) => T): T;
  reset(): void;
};

export function createStore(stateFilePath?: string): Store {
  const file = createStateFile<SimulatorState>(stateFilePath);
  let current = file.load() ?? createInitialState();
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
