import { type Database, createJourneyRepository } from '@koppel/db';
import { type Kysely, sql } from 'kysely';

/** What one seeded order leaves behind, for the retention and erasure tests. */
export type SeededOrder = { connectionId: string; externalOrderId: string; busOffset: string; key: string };

export type SeedOptions = {
  email: string;
  /** Backdates every row of the order by this many days (0: now). */
  ageDays?: number;
  /** Whether the inbox row's record reached the topic (default true). */
  published?: boolean;
  topic?: string;
};

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * One order of a customer as the pipeline would leave it: journey (received with the shop's
 * payload, mapped with the canonical order, delivered with the document), its summary, a dead
 * letter, the ledger row with the sent request body, the inbox row and its embedded-log record.
 */
export async function seedOrder(
  db: Kysely<Database>,
  connectionId: string,
  externalOrderId: string,
  options: SeedOptions,
): Promise<SeededOrder> {
  const journey = createJourneyRepository(db);
  const { email } = options;
  const key = `${connectionId}:${externalOrderId}`;
  await journey.record(connectionId, externalOrderId, 'received', {
    eventId: `e-${externalOrderId}`,
    channel: 'webhook',
    sourcePayload: { email, firstname: 'Anna', lastname: 'de Vries', street: 'Kerkstraat 12a' },
  });
  await journey.record(connectionId, externalOrderId, 'mapped', {
    order: {
      orderNumber: `N-${externalOrderId}`,
      customer: { email, firstName: 'Anna', lastName: 'de Vries' },
    },
  });
  await journey.record(connectionId, externalOrderId, 'delivered', {
    targetSystem: 'books',
    documentId: `doc-${externalOrderId}`,
    documentNumber: `WEB-${externalOrderId}`,
    debtorId: 'debtor-1',
  });
  await journey.recordDeadLetter(
    {
      connectionId,
      externalOrderId,
      stage: 'delivery.books',
      sourceTopic: 'deliveries.books',
      sourcePartition: 0,
      sourceOffset: `${Date.now()}${Math.random()}`,
      key,
      payload: bytes(JSON.stringify({ email, name: 'Anna de Vries' })),
      headers: { traceparent: 'x' },
      errorCode: 'TARGET_REJECTED',
      errorMessage: `debtor "${email}" refused`,
      errorField: null,
      errorDetails: { email },
      attempts: 1,
    },
    {
      stage: 'delivery.books',
      code: 'TARGET_REJECTED',
      reason: `debtor "${email}" refused`,
      details: { email },
    },
  );
  await db
    .insertInto('delivery_ledger')
    .values({
      connection_id: connectionId,
      external_order_id: externalOrderId,
      state: 'delivered',
      document_id: `doc-${externalOrderId}`,
      document_number: `WEB-${externalOrderId}`,
      attempts: 1,
      document_request: JSON.stringify({ debtor: { email, name: 'Anna de Vries' } }),
    })
    .execute();
  await db
    .insertInto('inbox')
    .values({
      connection_id: connectionId,
      event_key: `order:${externalOrderId}`,
      event_id: `e-${externalOrderId}`,
      event_type: 'order_confirm',
      external_order_id: externalOrderId,
      published: options.published ?? true,
      claim_token: null,
      claimed_until: null,
    })
    .execute();
  const record = await db
    .insertInto('bus_records')
    .values({ topic: options.topic ?? 'orders.raw', key, value: bytes(email), headers: '{}' })
    .returning('offset')
    .executeTakeFirstOrThrow();
  const age = sql`now() - make_interval(days => ${options.ageDays ?? 0})`;
  const of = { connection_id: connectionId, external_order_id: externalOrderId };
  await sql`update order_journey set created_at = ${age} where connection_id = ${of.connection_id}
    and external_order_id = ${of.external_order_id}`.execute(db);
  await sql`update order_summaries set received_at = ${age}, updated_at = ${age}
    where connection_id = ${of.connection_id} and external_order_id = ${of.external_order_id}`.execute(db);
  await sql`update dead_letters set failed_at = ${age} where connection_id = ${of.connection_id}
    and external_order_id = ${of.external_order_id}`.execute(db);
  await sql`update delivery_ledger set updated_at = ${age} where connection_id = ${of.connection_id}
    and external_order_id = ${of.external_order_id}`.execute(db);
  await sql`update inbox set received_at = ${age} where connection_id = ${of.connection_id}
    and external_order_id = ${of.external_order_id}`.execute(db);
  await sql`update bus_records set created_at = ${age} where "offset" = ${record.offset}`.execute(db);
  return { connectionId, externalOrderId, busOffset: String(record.offset), key };
}

/** Everything stored about one order, as text: what a test searches for an e-mail or a name. */
export async function orderRowsText(db: Kysely<Database>, order: SeededOrder): Promise<string> {
  const where = { c: order.connectionId, o: order.externalOrderId };
  const { rows } = await sql<{ t: string }>`
    select coalesce((select string_agg(detail::text, ' ') from order_journey
        where connection_id = ${where.c} and external_order_id = ${where.o}), '')
      || coalesce((select string_agg(convert_from(payload, 'UTF8') || headers::text
        || error_message || coalesce(error_details::text, ''), ' ') from dead_letters
        where connection_id = ${where.c} and external_order_id = ${where.o}), '')
      || coalesce((select document_request::text from delivery_ledger
        where connection_id = ${where.c} and external_order_id = ${where.o}), '')
      || coalesce((select coalesce(customer_email, '') || ' ' || coalesce(status_reason, '') from order_summaries
        where connection_id = ${where.c} and external_order_id = ${where.o}), '')
      || coalesce((select string_agg(convert_from(value, 'UTF8'), ' ') from bus_records
        where key = ${order.key}), '') as t`.execute(db);
  return rows[0]?.t ?? '';
}
