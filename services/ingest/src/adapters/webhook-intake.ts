import type { SourceEvent } from '@koppel/connector-sdk';
import { IngestChannel } from '@koppel/contracts';
import type { Connection } from '@koppel/db';
import { type AdmissionResult, admitSourceEvents, type OrderIntakeDeps } from '@koppel/order-intake';

export type IntakeDeps = OrderIntakeDeps;
export type IntakeResult = AdmissionResult;

/**
 * Admits a webhook's events through the shared order intake (inbox, `orders.raw`, journey).
 * A failed publish rejects with a retryable BUS_UNAVAILABLE, answered 503 so the source retries.
 */
export function takeInWebhookEvents(
  deps: IntakeDeps,
  connection: Connection,
  contentType: string,
  events: SourceEvent[],
): Promise<IntakeResult> {
  return admitSourceEvents(deps, connection, { channel: IngestChannel.WEBHOOK, contentType }, events);
}
