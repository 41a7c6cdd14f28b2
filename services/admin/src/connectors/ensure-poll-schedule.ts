import type { AnySourceConnector } from '@koppel/connector-sdk';
import type { PollScheduleRepository } from '@koppel/db';

/**
 * Gives a polled connection its schedule row (cursor = the poller's initial cursor) when its
 * source polls and its source settings turn polling on; an existing row keeps its cursor and
 * only takes the new interval. Returns whether the connection is polled.
 *
 * A schedule is not removed when polling is turned off: the cursor survives, and the poller
 * asks `pollingEnabled` itself before each poll.
 */
export async function ensurePollSchedule(
  schedules: PollScheduleRepository,
  source: AnySourceConnector,
  connectionId: string,
  sourceSettings: Record<string, unknown>,
  now: Date = new Date(),
): Promise<boolean> {
  // The registry's contract test requires every poller to declare `pollingEnabled`.
  if (!source.poller || !source.pollingEnabled) return false;
  const polling = source.pollingEnabled(sourceSettings);
  if (!polling.enabled) return false;
  await schedules.ensure(connectionId, source.poller.initialCursor(now), polling.intervalSeconds);
  return true;
}
