import {
  type ConnectionRepository,
  createConnectionPauseRepository,
  createDeadLetterRepository,
  createDeliveryRecordRepository,
  createOrderSummaryRepository,
  type Database,
  type JourneyRepository,
} from '@koppel/db';
import type { MessageBus } from '@koppel/kafka';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { registerDeadLetterRoutes } from './dead-letter-routes.js';
import { registerOrderListRoutes } from './order-list-routes.js';
import { registerPauseRoutes } from './pause-routes.js';
import { registerReconciliationRoutes } from './reconciliation-routes.js';

export type OperationsRouteDeps = {
  db: Kysely<Database>;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  /** Where replays are published; without one, replays answer 503 REPLAY_UNAVAILABLE. */
  bus: MessageBus | undefined;
};

/** An operator's routes: the activity log, reconciliation, dead letters and replay, pause. */
export async function registerOperationsRoutes(
  app: FastifyInstance,
  deps: OperationsRouteDeps,
): Promise<void> {
  const summaries = createOrderSummaryRepository(deps.db);
  const deadLetters = createDeadLetterRepository(deps.db);
  const deliveries = createDeliveryRecordRepository(deps.db);
  const { connections, journey } = deps;
  await registerOrderListRoutes(app, { connections, journey, summaries, deadLetters, deliveries });
  await registerReconciliationRoutes(app, { connections, summaries });
  await registerDeadLetterRoutes(app, { connections, journey, deadLetters, deliveries, bus: deps.bus });
  await registerPauseRoutes(app, { connections, pauses: createConnectionPauseRepository(deps.db) });
}
