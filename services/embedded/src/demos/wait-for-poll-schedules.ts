import { setTimeout as sleep } from 'node:timers/promises';
import { findSourceConnector } from '@koppel/connector-registry';
import { type ConnectionRepository, createPollScheduleRepository, type Database } from '@koppel/db';
import type { Kysely } from 'kysely';
import type { DemoDefinition } from './demo-definition.js';

/**
 * Waits until the poller has scheduled every demo whose shop is only polled: its first cursor is
 * "orders from now on", so an order placed before would never be fetched. When this returns,
 * every demo takes orders (the banner says so).
 */
export async function waitForPollSchedules(
  db: Kysely<Database>,
  connections: ConnectionRepository,
  demos: readonly DemoDefinition[],
  timeoutMs = 20_000,
): Promise<void> {
  const schedules = createPollScheduleRepository(db);
  const deadline = Date.now() + timeoutMs;
  for (const demo of demos) {
    const connection = await connections.find(demo.id);
    if (!connection?.active) continue;
    if (findSourceConnector(connection.sourceSystem)?.poller?.role !== 'primary') continue;
    while (!(await schedules.find(demo.id))) {
      if (Date.now() > deadline) {
        console.warn(`the poller has not scheduled demo ${demo.id} yet; its first orders may be missed`);
        return;
      }
      await sleep(100);
    }
  }
}
