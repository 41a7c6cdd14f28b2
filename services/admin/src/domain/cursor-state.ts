import type { PollSchedule } from '@koppel/db';
import type { z } from 'zod';
import type { cursorStateSchema } from '../schemas/cursor-schemas.js';

export type CursorState = z.input<typeof cursorStateSchema>;

/** A poll schedule as the API shows it, the cursor described in the source's own words. */
export function toCursorState(
  schedule: PollSchedule,
  describeCursor: (cursor: string) => string,
): CursorState {
  let description: string;
  try {
    description = describeCursor(schedule.cursor);
  } catch (error) {
    // A cursor the connector cannot read any more is exactly when an operator needs this answer.
    description = `unreadable cursor (${error instanceof Error ? error.message : String(error)}); reset it`;
  }
  return {
    cursor: schedule.cursor,
    description,
    nextPollAt: schedule.nextPollAt.toISOString(),
    lastPolledAt: schedule.lastPolledAt?.toISOString() ?? null,
    consecutiveFailures: schedule.consecutiveFailures,
    lastError: schedule.lastError,
    intervalSeconds: schedule.intervalSeconds,
  };
}
