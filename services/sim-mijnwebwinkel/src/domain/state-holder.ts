import { randomUUID } from 'node:crypto';
import { type LocalDateTime, toLocalDateTime } from './local-time.js';
import type { SimulatorState } from './state.js';

/** The mutable state with its clock and persistence; every store works through one of these. */
export type StateHolder = {
  state: SimulatorState;
  /** Called after every change (writes the optional state file). */
  changed(): void;
  now(): Date;
  localNow(): LocalDateTime;
  toLocal(instant: Date): LocalDateTime;
  newId(): string;
};

export function createStateHolder(options: {
  initial: SimulatorState;
  now: () => Date;
  timeZone: string;
  onChange: (state: SimulatorState) => void;
}): StateHolder {
  const holder: StateHolder = {
    state: options.initial,
    changed: () => options.onChange(holder.state),
    now: options.now,
    localNow: () => toLocalDateTime(options.now(), options.timeZone),
    toLocal: (instant) => toLocalDateTime(instant, options.timeZone),
    newId: () => randomUUID(),
  };
  return holder;
}
