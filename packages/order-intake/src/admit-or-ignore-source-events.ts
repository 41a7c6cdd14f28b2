import type { SourceEvent } from '@koppel/connector-sdk';
import { IngestChannel } from '@koppel/contracts';
import type { Connection } from '@koppel/db';
import {
  type AdmissionOptions,
  type AdmissionResult,
  admitSourceEvents,
  type OrderIntakeDeps,
} from './admit-source-events.js';

export type AdmissionWithIgnoredResult = AdmissionResult & { ignored: number };

/**
 * `admitSourceEvents` for sources that recognise bodies which are no order to book (a
 * Shoprenter abandoned cart): an event with `ignoredReason` is journaled as `ignored`, with its
 * reason, and never reaches the inbox or `orders.raw`; the others are admitted as usual. Same
 * arguments as `admitSourceEvents`, so a caller switches by name.
 */
export async function admitOrIgnoreSourceEvents(
  deps: OrderIntakeDeps,
  connection: Pick<Connection, 'id' | 'tenantId' | 'sourceSystem'>,
  options: AdmissionOptions,
  events: readonly SourceEvent[],
): Promise<AdmissionWithIgnoredResult> {
  const admitted: SourceEvent[] = [];
  let ignored = 0;
  for (const event of events) {
    if (event.ignoredReason === undefined) {
      admitted.push(event);
      continue;
    }
    ignored += 1;
    await deps.journey.record(connection.id, event.externalOrderId, 'ignored', {
      reason: event.ignoredReason,
      eventType: event.eventType,
      eventKey: event.eventKey,
      channel: (IngestChannel[options.channel] ?? 'UNSPECIFIED').toLowerCase(),
    });
  }
  const result = await admitSourceEvents(deps, connection, options, admitted);
  return { ...result, ignored };
}
