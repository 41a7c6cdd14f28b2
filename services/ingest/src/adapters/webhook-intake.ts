import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { WebhookEvent } from '@koppel/connector-sdk';
import { IngestChannel, orderKey, RawOrderEventSchema, topicName, topics } from '@koppel/contracts';
import type { Connection, InboxRepository, JourneyRepository } from '@koppel/db';
import { type MessageBus, publishTraced } from '@koppel/kafka';
import { ingestErrors } from '../errors.js';

export type IntakeDeps = {
  bus: MessageBus;
  inbox: InboxRepository;
  journey: JourneyRepository;
  topicPrefix: string;
};

export type IntakeResult = { accepted: number; duplicates: number };

/**
 * Admits each event through the inbox and puts new ones on `orders.raw`. Resolves only when
 * every new event's record is durably on the topic; a failed publish forgets the inbox row
 * and rejects, so the caller answers 503 and the source's retry is treated as new.
 */
export async function takeInWebhookEvents(
  deps: IntakeDeps,
  connection: Connection,
  contentType: string,
  events: WebhookEvent[],
): Promise<IntakeResult> {
  const topic = topicName(topics.ordersRaw, deps.topicPrefix);
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
      contentType,
      payload: event.payload,
      receivedAt: timestampFromDate(new Date()),
      channel: IngestChannel.WEBHOOK,
    });
    try {
      await publishTraced(deps.bus, topic, [
        { key: orderKey(connection.id, event.externalOrderId), value: toBinary(RawOrderEventSchema, record) },
      ]);
    } catch (cause) {
      await deps.inbox.forget(connection.id, event.eventKey).catch(() => {});
      throw ingestErrors.publishFailed(cause);
    }
    await deps.inbox.markPublished(connection.id, event.eventKey);
    await deps.journey.record(connection.id, event.externalOrderId, 'received', {
      eventId: admission.eventId,
      eventType: event.eventType,
      contentType,
      // The connector's normalised JSON of the order (the SourceConnector contract).
      sourcePayload: JSON.parse(new TextDecoder().decode(event.payload)) as unknown,
    });
    accepted += 1;
  }
  return { accepted, duplicates };
}
