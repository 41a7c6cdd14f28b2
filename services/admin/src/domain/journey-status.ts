/** What the admin API says an order's state is, derived from its journey stages. */
export const journeyStatuses = [
  'received',
  'mapped',
  'skipped',
  'retrying',
  'delivered',
  'failed',
  'dead_lettered',
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
};

/** The status of the last meaningful stage (stages in the order they happened); undefined when none is. */
export function toJourneyStatus(stages: readonly string[]): JourneyStatus | undefined {
  for (let i = stages.length - 1; i >= 0; i--) {
    const status = statusByStage[stages[i] ?? ''];
    if (status) return status;
  }
  return undefined;
}
