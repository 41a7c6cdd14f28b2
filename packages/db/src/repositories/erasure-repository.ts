import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { containsEmailSql, maskEmailsSql, scrubbedDetailSql } from './retention-scrub-sql.js';

/** Rows erased per table by one erasure. */
export type ErasureCounts = {
  /** Customer records deleted (names, phone, VAT number). */
  customers: number;
  /** Debtor bindings of those customers deleted (the debtor in the target is the target's record). */
  debtorBindings: number;
  /** Order summaries whose customer e-mail was cleared (ids, status, document number stay). */
  orderSummaries: number;
  /** Journey rows whose detail was reduced to ids, codes and document links. */
  orderJourney: number;
  /** Dead letters whose payload, headers and error details were cleared. */
  deadLetters: number;
  /** Ledger rows whose sent request body was cleared (document id and number stay). */
  deliveryLedger: number;
  /** Embedded-log records of the orders deleted (a record not yet processed is then never processed). */
  busRecords: number;
  /** Parked records of the orders deleted (they would otherwise carry the order on). */
  parkedRecords: number;
  /** Notification states whose last message quoted the e-mail (masked). */
  notificationState: number;
};

export type ErasureResult = {
  counts: ErasureCounts;
  /** The erased customer's orders as `{ connectionId, externalOrderId }`. */
  orders: { connectionId: string; externalOrderId: string }[];
};

type OrderRef = { connection_id: string; external_order_id: string };

const count = (result: { numAffectedRows?: bigint; rows: unknown[] }) =>
  Number(result.numAffectedRows ?? BigInt(result.rows.length));

/** The customer's orders in the tenant: by the summary's e-mail, or a journey row naming it. */
async function ordersOf(trx: Transaction<Database>, connectionIds: string[], email: string) {
  const { rows } = await sql<OrderRef>`
    select connection_id, external_order_id from order_summaries
      where connection_id = any(${sql.val(connectionIds)}::text[]) and customer_email = ${email}
    union
    select distinct connection_id, external_order_id from order_journey
      where connection_id = any(${sql.val(connectionIds)}::text[])
        and not (detail ? 'erasedAt') and strpos(lower(detail::text), ${email}) > 0
    order by 1, 2`.execute(trx);
  return rows;
}

/**
 * Erases one customer of one tenant, found by normalised e-mail, in one transaction: the
 * customer and its debtor bindings are deleted; its orders keep their rows, ids, status and
 * document numbers (so reconciliation still adds up) but lose every payload and personal field.
 * Inbox rows are kept: they hold only event keys, and they stop a re-sent webhook from bringing
 * the erased order back. A second erasure of the same e-mail finds nothing.
 */
export function createErasureRepository(db: Kysely<Database>) {
  return {
    async eraseCustomer(tenantId: string, normalizedEmail: string): Promise<ErasureResult> {
      return db.transaction().execute(async (trx) => {
        const connectionIds = (
          await trx.selectFrom('connections').select('id').where('tenant_id', '=', tenantId).execute()
        ).map((c) => c.id);
        const customers = await trx
          .deleteFrom('customers')
          .where('tenant_id', '=', tenantId)
          .where('normalized_email', '=', normalizedEmail)
          .returning('id')
          .execute();
        const counts: ErasureCounts = {
          customers: customers.length,
          debtorBindings: 0,
          orderSummaries: 0,
          orderJourney: 0,
          deadLetters: 0,
          deliveryLedger: 0,
          busRecords: 0,
          parkedRecords: 0,
          notificationState: 0,
        };
        if (connectionIds.length === 0) return { counts, orders: [] };
        counts.notificationState = count(
          await sql`update notification_state set last_message = ${maskEmailsSql(sql.ref('last_message'))}
            where connection_id = any(${sql.val(connectionIds)}::text[])
              and strpos(lower(last_message), ${normalizedEmail}) > 0`.execute(trx),
        );
        if (customers.length > 0) {
          const deleted = await trx
            .deleteFrom('debtor_bindings')
            .where('connection_id', 'in', connectionIds)
            .where(
              'customer_id',
              'in',
              customers.map((c) => c.id),
            )
            .executeTakeFirst();
          counts.debtorBindings = Number(deleted.numDeletedRows);
        }
        const orders = await ordersOf(trx, connectionIds, normalizedEmail);
        if (orders.length === 0) return { counts, orders: [] };
        const refs = sql.join(
          orders.map((o) => sql`(${o.connection_id}::text, ${o.external_order_id}::text)`),
        );
        const keys = orders.map((o) => `${o.connection_id}:${o.external_order_id}`);
        counts.orderSummaries = count(
          // The reason kept for a stopped order may quote the address (`debtor "…" refused`).
          await sql`update order_summaries set customer_email = null,
              status_reason = ${maskEmailsSql(sql.ref('status_reason'))}
            where (connection_id, external_order_id) in (${refs})
              and (customer_email is not null or ${containsEmailSql(sql.ref('status_reason'))})`.execute(trx),
        );
        counts.orderJourney = count(
          await sql`update order_journey set detail = ${scrubbedDetailSql('erasedAt')}
            where (connection_id, external_order_id) in (${refs}) and not (detail ? 'erasedAt')`.execute(trx),
        );
        counts.deadLetters = count(
          await sql`update dead_letters set payload = ''::bytea, headers = '{}'::jsonb,
              error_message = ${maskEmailsSql(sql.ref('error_message'))}, error_details = null
            where (connection_id, external_order_id) in (${refs})
              and (octet_length(payload) > 0 or error_details is not null)`.execute(trx),
        );
        counts.deliveryLedger = count(
          await sql`update delivery_ledger set document_request = null
            where (connection_id, external_order_id) in (${refs}) and document_request is not null`.execute(
            trx,
          ),
        );
        counts.busRecords = count(
          await sql`delete from bus_records where key = any(${sql.val(keys)}::text[])`.execute(trx),
        );
        counts.parkedRecords = count(
          await sql`delete from parked_records where key = any(${sql.val(keys)}::text[])`.execute(trx),
        );
        return {
          counts,
          orders: orders.map((o) => ({
            connectionId: o.connection_id,
            externalOrderId: o.external_order_id,
          })),
        };
      });
    },
  };
}

export type ErasureRepository = ReturnType<typeof createErasureRepository>;
