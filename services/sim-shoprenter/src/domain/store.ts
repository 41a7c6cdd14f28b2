import { createEmptyState, type SimulatorState } from './state.js';

/** The live state plus persistence; handlers mutate `state` then call `save()`. */
export type Store = {
  readonly state: SimulatorState;
  save(): void;
  reset(): void;
};

export function createStore(
  firstOrderInnerId: number,
  persistence: { load(): SimulatorState | undefined; save(state: SimulatorState): void },
): Store {
  let state = persistence.load() ?? createEmptyState(firstOrderInnerId);
  return {
    get state() {
      return state;
    },
    save() {
      persistence.save(state);
    },
    reset() {
      state = createEmptyState(firstOrderInnerId);
      persistence.save(state);
    },
  };
}
