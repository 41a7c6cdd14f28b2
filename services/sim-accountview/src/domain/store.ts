import { createStateFile } from '@koppel/sim-kit';
import { type CompanyState, type SimulatorState, TABLE_NAMES } from './model.js';
import { type CompanySeed, createInitialState } from './seed.js';
import type { OAuthClient } from './model.js';

/**
 * Holds the state in memory, optionally mirrored to a JSON file. Mutations run on a copy that
 * replaces the company only when the whole request succeeded, so a failing POST leaves no trace.
 */
export type Store = {
  state(): SimulatorState;
  company(id: string): CompanyState | undefined;
  mutateCompany<T>(id: string, change: (company: CompanyState) => T): T;
  mutate<T>(change: (state: SimulatorState) => T): T;
  reset(): void;
};

export function createStore(
  seed: { companies: readonly CompanySeed[]; clients: readonly OAuthClient[] },
  stateFilePath?: string,
): Store {
  const file = createStateFile<SimulatorState>(stateFilePath);
  let current: SimulatorState = file.load() ?? createInitialState(seed.companies, seed.clients);
  // A state file written before a table existed gets that table empty.
  for (const company of current.companies) {
    for (const table of TABLE_NAMES) company.tables[table] ??= [];
  }
  const save = () => file.save(current);
  return {
    state: () => current,
    company: (id) => current.companies.find((c) => c.Id.toLowerCase() === id.toLowerCase()),
    mutateCompany(id, change) {
      const index = current.companies.findIndex((c) => c.Id.toLowerCase() === id.toLowerCase());
      const original = current.companies[index];
      if (!original) throw new Error(`company ${id} not found`);
      const draft = structuredClone(original);
      const result = change(draft);
      current.companies[index] = draft;
      save();
      return result;
    },
    mutate(change) {
      const result = change(current);
      save();
      return result;
    },
    reset() {
      current = createInitialState(seed.companies, seed.clients);
      save();
    },
  };
}
