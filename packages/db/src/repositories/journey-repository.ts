import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Stages an order passes; the admin API shows them in order. */
export type JourneyStage =
  | 'received'
  | 'duplicate_ignored'
  | 'mapped'
  | 'skipped'
  | 'dead_lettered'
  | 'customer_resolved'
  | 'routed'
  | 'retrying'
  | 'already_in_target'
  | 'debtor_created'
  | 'debtor_found'
  | 'delivered'
  | 'ignored'
  | 'written_back'
  | 'failed';

export type JourneyEntry = {
  stage: JourneyStage;
  detail: Record<string, unknown>;
  at: Date;
};

/** The order journey: every step an order took, with what came in and what was sent. */
export function createJourneyRepository(db: Kysely<Database>) {
  return {
    async record(
      connectionId: string,
      externalOrderId: string,
      stage: JourneyStage,
      detail: Record<string, unknown> = {},
    ): Promise<void> {
      await db
        .insertInto('order_journey')
        .values({
          connection_id: connectionId,
          external_order_id: externalOrderId,
          stage,
          detail: JSON.stringify(detail),
        })
        .execute();
    },

    async list(connectionId: string, externalOrderId: string): Promise<JourneyEntry[]> {
      const rows = await db
        .selectFrom('order_journey')
        .select(['stage', 'detail', 'created_at'])
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ stage: r.stage as JourneyStage, detail: r.detail, at: r.created_at }));
    },
  };
}

export type JourneyRepository = ReturnType<typeof createJourneyRepository>;
