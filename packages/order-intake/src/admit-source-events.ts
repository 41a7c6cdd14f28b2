import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { SourceEvent } from '@koppel/connector-sdk';
import { IngestChannel, orderKey, RawOrderEventSchema, topicName, topics } from '@koppel/contracts';
import type { Connection, InboxRepository, JourneyRepository } from '@koppel/db';
import { type MessageBus, publishTraced } from '@koppel/kafka';
import { orderIntakeErrors } from './errors.js';

export type OrderIntakeDeps = {
  bus: MessageBus;
  inbox: InboxRepository;
  journey: JourneyRepository;
  topicPrefix: string;
  /** Clock for `receivedAt` (tests pin it). */
  now?: () => Date;
};

export type AdmissionOptions = {
  /** How the events came in: `IngestChannel.WEBHOOK` or `IngestChannel.POLL`. */
  channel: IngestChannel;
  /** Media type the payload came in (a poll's REST JSON is `application/json`). */
  contentType: string;
};

export type AdmissionResult = { accepted: number; duplicates: number };

/**
 * Admits each event through the inbox and puts new ones on `orders.raw`. Resolves only when
 * every new event's record is durably on the topic; a failed publish forgets the inbox row and
 * rejects (retryable BUS_UNAVAILABLE), so the webhook's retry or the next poll sees it as new.
 * A webhook and a poll of the same order state carry the same event key (SourceEvent contract),
 * so whichever comes second is a duplicate.
 */
export async function admitSourceEvents(
  deps: OrderIntakeDeps,
  connection: Pick<Connection, 'id' | 'tenantId' | 'sourceSystem'>,
  options: AdmissionOptions,
  events: readonly SourceEvent[],
): Promise<AdmissionResult> {
  const topic = topicName(topics.ordersRaw, deps.topicPrefix);
  const now = deps.now ?? (() => new Date());
  let accepted = 0;
  let duplicates = 0;
  for (const event of events) {
    const admission = await deps.inbox.admit({
      connectionId: connection.id,
      eventKey: event.eventKey,
      eventId: randomUUID(),
      eventType: event.eventType,
      externalOrderId: event.externalOrderId,
    });
    if (admission.kind === 'duplicate') {
      duplicates += 1;
      await deps.journey.record(connection.id, event.externalOrderId, 'duplicate_ignored', {
        eventType: event.eventType,
        eventKey: event.eventKey,
        channel: channelName(options.channel),
      });
      continue;
    }
    const record = create(RawOrderEventSchema, {
      eventId: admission.eventId,
      connectionId: connection.id,
      tenantId: connection.tenantId,
      sourceSystem: connection.sourceSystem,
      eventType: event.eventType,
      eventKey: event.eventKey,
      externalOrderId: event.externalOrderId,
      contentType: options.contentType,
      payload: event.payload,
      receivedAt: timestampFromDate(now()),
      channel: options.channel,
    });
    try {
      await publishTraced(deps.bus, topic, [
        { key: orderKey(connection.id, event.externalOrderId), value: toBinary(RawOrderEventSchema, record) },
      ]);
    } catch (cause) {
      await deps.inbox.forget(connection.id, event.eventKey).catch(() => {});
      throw orderIntakeErrors.publishFailed(cause);
    }
    await deps.inbox.markPublished(connection.id, event.eventKey);
    await deps.journey.record(connection.id, event.externalOrderId, 'received', {
      eventId: admission.eventId,
      eventType: event.eventType,
      contentType: options.contentType,
      channel: channelName(options.channel),
      // The connector's normalised JSON of the order (the SourceConnector contract).
      sourcePayload: JSON.parse(new TextDecoder().decode(event.payload)) as unknown,
    });
    accepted += 1;
  }
  return { accepted, duplicates };
}

/** `webhook` / `poll` for journey entries (the enum's numbers mean nothing to an operator). */
function channelName(channel: IngestChannel): string {
  return (IngestChannel[channel] ?? 'UNSPECIFIED').toLowerCase();
}
