/** What the admin API says an order's state is, derived from its journey stages. */
export const journeyStatuses = [
  'received',
  'mapped',
  'skipped',
  'retrying',
  'delivered',
  'failed',
  'dead_lettered',
  /** The connection is paused: the order waits, parked, until it is resumed. */
  'waiting',
  /** The source marked the event as no order to book (an abandoned cart). */
  'ignored',
  /** An operator replayed its dead letter; the pipeline has not moved it on yet. */
  'replayed',
] as const;

export type JourneyStatus = (typeof journeyStatuses)[number];

/**
 * Stages that change the status, and to what. Steps inside delivery (customer resolved,
 * debtor found or created, routed) keep the order `mapped` until it lands or fails; a
 * duplicate webhook changes nothing; `already_in_target` means the document exists: delivered.
 */
const statusByStage: Readonly<Record<string, JourneyStatus>> = {
  received: 'received',
  mapped: 'mapped',
  customer_resolved: 'mapped',
  routed: 'mapped',
  debtor_found: 'mapped',
  debtor_created: 'mapped',
  skipped: 'skipped',
  retrying: 'retrying',
  delivered: 'delivered',
  already_in_target: 'delivered',
  failed: 'failed',
  dead_lettered: 'dead_lettered',
  paused: 'waiting',
  ignored: 'ignored',
  replayed: 'replayed',
};

/**
 * An order's first steps (received, or not booked: `skipped`, `ignored`) set its status only while
 * it has got no further than these: a booked, in-flight or failed order keeps its status when a
 * stale webhook of it (a late `pending` after `paid`) is received and skipped. The same rule as the
 * order summaries' (`movesStatus` in @koppel/db).
 */
const earlyStatuses: ReadonlySet<JourneyStatus> = new Set(['received', 'skipped', 'ignored']);

/**
 * Steps on the way to the target never move a delivered order back (a step written late, or a
 * later event of the booked order passing through); failures do. The same rule as the order
 * summaries' (`IN_FLIGHT_STATUS_STAGES` in @koppel/db).
 */
const inFlightStatuses: ReadonlySet<JourneyStatus> = new Set(['mapped', 'retrying', 'waiting']);

/** The status the stages leave the order in (stages in the order they happened); undefined when none does. */
export function toJourneyStatus(stages: readonly string[]): JourneyStatus | undefined {
  let current: JourneyStatus | undefined;
  for (const stage of stages) {
    const next = statusByStage[stage];
    if (!next) continue;
    if (earlyStatuses.has(next) && current && !earlyStatuses.has(current)) continue;
    if (current === 'delivered' && inFlightStatuses.has(next)) continue;
    current = next;
  }
  return current;
}

/**
 * The stages that leave an order in `status`, for a filter on the order summaries' last
 * status stage (`null`: only a duplicate was seen, which reads as `received`).
 */
export function stagesWithStatus(status: JourneyStatus): (string | null)[] {
  const stages: (string | null)[] = Object.entries(statusByStage)
    .filter(([, s]) => s === status)
    .map(([stage]) => stage);
  return status === 'received' ? [...stages, null] : stages;
}
