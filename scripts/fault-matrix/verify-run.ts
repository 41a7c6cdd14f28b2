/**
 * The end-of-run checks of a scenario, read from the target simulator (its own document count,
 * permissive, so a double booking shows) and from the database (the journey of every order):
 * exactly N documents, M debtors, zero duplicates, every order delivered, and dead letters only
 * for the poison records.
 */
import type { DatabaseHandle } from '@koppel/db';
import type { AsperionSimulator } from '@koppel/sim-asperion';
import { sql } from 'kysely';

export type RunCounts = {
  documents: number;
  /** Invoice numbers held more than once, by the simulator's own duplicate count. */
  duplicates: number;
  debtors: number;
  duplicateDebtors: number;
  /** Orders whose journey reached delivered (or already in target) and did not fail after it. */
  delivered: number;
  /** Orders whose activity-log status (the admin API's) is not delivered. */
  summaryNotDelivered: number;
  deadLetters: number;
};

export type Verdict = { pass: boolean; counts: RunCounts; problems: string[] };

type Expected = {
  connectionId: string;
  externalOrderIds: readonly string[];
  customers: number;
  emailPrefix: string;
  deadLetters: number;
};

/** Orders of the connection whose journey ended delivered; cheap enough to poll. */
export async function countDelivered(database: DatabaseHandle, connectionId: string): Promise<number> {
  const row = await sql<{ n: string }>`
    select count(*) as n from (
      select external_order_id,
        max(id) filter (where stage in ('delivered', 'already_in_target')) as delivered_id,
        max(id) filter (where stage in ('dead_lettered', 'failed')) as failed_id
      from order_journey where connection_id = ${connectionId}
      group by external_order_id) o
    where delivered_id is not null and (failed_id is null or failed_id < delivered_id)`.execute(database.db);
  return Number(row.rows[0]?.n ?? 0);
}

export async function verifyRun(
  database: DatabaseHandle,
  asperion: AsperionSimulator,
  expected: Expected,
): Promise<Verdict> {
  const admin = asperion.state().administrations[0];
  const numbers = new Set(expected.externalOrderIds.map((id) => `WEB-${id}`));
  const invoices = (admin?.salesInvoices ?? []).filter((i) => numbers.has(i.invoiceNumber));
  const duplicateReport = await asperion.app.inject({ url: '/_control/documents/duplicates?by=number' });
  const duplicates = (duplicateReport.json() as { duplicates: { count: number }[] }).duplicates.reduce(
    (sum, d) => sum + d.count - 1,
    0,
  );
  const debtors = (admin?.debtors ?? []).filter((d) => d.emailAddress.startsWith(expected.emailPrefix));
  const delivered = await countDelivered(database, expected.connectionId);
  const summaries = await database.db
    .selectFrom('order_summaries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('connection_id', '=', expected.connectionId)
    .where('external_order_id', 'in', [...expected.externalOrderIds])
    .where((eb) =>
      eb.or([
        eb('status_stage', 'is', null),
        eb('status_stage', 'not in', ['delivered', 'already_in_target']),
      ]),
    )
    .executeTakeFirstOrThrow();
  // A few orders that did not end delivered, with the stage and reason the admin API shows.
  const stuck = await database.db
    .selectFrom('order_summaries')
    .select(['external_order_id', 'status_stage', 'status_reason'])
    .where('connection_id', '=', expected.connectionId)
    .where('external_order_id', 'in', [...expected.externalOrderIds])
    .where((eb) =>
      eb.or([
        eb('status_stage', 'is', null),
        eb('status_stage', 'not in', ['delivered', 'already_in_target']),
      ]),
    )
    .limit(3)
    .execute();
  const deadLetters = await database.db
    .selectFrom('dead_letters')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('connection_id', '=', expected.connectionId)
    .executeTakeFirstOrThrow();
  const counts: RunCounts = {
    documents: invoices.length,
    duplicates,
    debtors: debtors.length,
    duplicateDebtors: debtors.length - new Set(debtors.map((d) => d.emailAddress)).size,
    delivered,
    summaryNotDelivered: Number(summaries.n),
    deadLetters: Number(deadLetters.n),
  };
  const n = expected.externalOrderIds.length;
  const problems = [
    counts.documents !== n ? `documents ${counts.documents} ≠ ${n}` : '',
    counts.duplicates !== 0 ? `${counts.duplicates} duplicate documents` : '',
    counts.debtors !== expected.customers ? `debtors ${counts.debtors} ≠ ${expected.customers}` : '',
    counts.delivered !== n ? `journeys delivered ${counts.delivered} ≠ ${n}` : '',
    counts.summaryNotDelivered !== 0
      ? `${counts.summaryNotDelivered} orders not "delivered" in the admin API`
      : '',
    counts.deadLetters !== expected.deadLetters
      ? `dead letters ${counts.deadLetters} ≠ ${expected.deadLetters}`
      : '',
    ...stuck.map((o) => `order ${o.external_order_id} ends ${o.status_stage}: ${o.status_reason ?? ''}`),
  ].filter(Boolean);
  return { pass: problems.length === 0, counts, problems };
}
