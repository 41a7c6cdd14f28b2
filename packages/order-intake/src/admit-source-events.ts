import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { SourceEvent } from '@koppel/connector-sdk';
import { IngestChannel, orderKey, RawOrderEventSchema, topicName, topics } from '@koppel/contracts';
import type { Connection, InboxAdmission, InboxEntry, InboxRepository, JourneyRepository } from '@koppel/db';
import { createKeyOrderedRunner, type MessageBus, publishTraced } from '@koppel/kafka';
import { orderIntakeErrors } from './errors.js';
import { checkEventIdentities } from './event-identity.js';

export type OrderIntakeDeps = {
  bus: MessageBus;
  inbox: InboxRepository;
  journey: JourneyRepository;
  topicPrefix: string;
  /** Clock for `receivedAt` (tests pin it). */
  now?: () => Date;
  /** How long an identical event waits for the request already handing it on (default 5 000 ms). */
  inFlightWaitMs?: number;
};

export type AdmissionOptions = {
  /** How the events came in: `IngestChannel.WEBHOOK` or `IngestChannel.POLL`. */
  channel: IngestChannel;
  /** Media type the payload came in (a poll's REST JSON is `application/json`). */
  contentType: string;
};

/** `ignored`: events the source marked as no order to book (a Shoprenter abandoned cart). */
export type AdmissionResult = { accepted: number; duplicates: number; ignored: number };

/**
 * Admits each event through the inbox and puts new ones on `orders.raw`. Resolves only when
 * every new event's record is durably on the topic. The inbox row is claimed by the one caller
 * that publishes: an identical event arriving meanwhile waits for it and ends as a duplicate. A
 * failed publish keeps the row and its event id and rejects (retryable BUS_UNAVAILABLE); since
 * the record may have reached the topic anyway, the retry republishes the *same* event id rather
 * than counting as new. A webhook and a poll of the same order state carry the same event key
 * (SourceEvent contract), so whichever comes second is a duplicate.
 */
export async function admitSourceEvents(
  deps: OrderIntakeDeps,
  connection: Pick<Connection, 'id' | 'tenantId' | 'sourceSystem'>,
  options: AdmissionOptions,
  events: readonly SourceEvent[],
): Promise<AdmissionResult> {
  // All of them before any is admitted: a refused body is refused whole, and its retry the same.
  checkEventIdentities(events);
  const result: AdmissionResult = { accepted: 0, duplicates: 0, ignored: 0 };
  // The events of one body or poll page run side by side, so their inbox claims, publishes and
  // journey rows share statements and produce requests (the group writers underneath); one
  // order's events still run one after the other, in the order the source gave them.
  const runner = createKeyOrderedRunner(ADMISSION_CONCURRENCY);
  for (const event of events) {
    if (runner.failed) break;
    await runner.submit(event.externalOrderId, async () => {
      result[await admitOne(deps, connection, options, event)] += 1;
    });
  }
  await runner.drain();
  return result;
}

/** Events of one call admitted at once at most (a poll page or a webhook of many orders). */
const ADMISSION_CONCURRENCY = 32;

async function admitOne(
  deps: OrderIntakeDeps,
  connection: Pick<Connection, 'id' | 'tenantId' | 'sourceSystem'>,
  options: AdmissionOptions,
  event: SourceEvent,
): Promise<keyof AdmissionResult> {
  if (event.ignoredReason !== undefined) {
    // Journaled with its reason, never admitted: it reaches neither the inbox nor orders.raw.
    await deps.journey.record(connection.id, event.externalOrderId, 'ignored', {
      reason: event.ignoredReason,
      eventType: event.eventType,
      eventKey: event.eventKey,
      channel: channelName(options.channel),
    });
    return 'ignored';
  }
  const claimToken = randomUUID();
  const entry = {
    connectionId: connection.id,
    eventKey: event.eventKey,
    eventId: randomUUID(),
    eventType: event.eventType,
    externalOrderId: event.externalOrderId,
  };
  const admission = await claimInboxRow(deps, entry, claimToken);
  if (admission.kind === 'duplicate') {
    await deps.journey.record(connection.id, event.externalOrderId, 'duplicate_ignored', {
      eventType: event.eventType,
      eventKey: event.eventKey,
      channel: channelName(options.channel),
    });
    return 'duplicates';
  }
  const now = deps.now ?? (() => new Date());
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
    await publishTraced(deps.bus, topicName(topics.ordersRaw, deps.topicPrefix), [
      { key: orderKey(connection.id, event.externalOrderId), value: toBinary(RawOrderEventSchema, record) },
    ]);
  } catch (cause) {
    await deps.inbox.release(connection.id, event.eventKey, claimToken).catch(() => {});
    throw orderIntakeErrors.publishFailed(cause);
  }
  // Independent writes once the record is on the topic: one round trip's wait instead of two.
  await Promise.all([
    deps.inbox.markPublished(connection.id, event.eventKey),
    deps.journey.record(connection.id, event.externalOrderId, 'received', {
      eventId: admission.eventId,
      eventType: event.eventType,
      contentType: options.contentType,
      channel: channelName(options.channel),
      // The connector's normalised JSON of the order (the SourceConnector contract).
      sourcePayload: JSON.parse(new TextDecoder().decode(event.payload)) as unknown,
    }),
  ]);
  return 'accepted';
}

/**
 * Admits one event; when another request holds its claim, waits (briefly) until that one has
 * published it (a duplicate) or given up (then this one takes the claim over).
 */
async function claimInboxRow(
  deps: OrderIntakeDeps,
  entry: InboxEntry,
  claimToken: string,
): Promise<Exclude<InboxAdmission, { kind: 'in_flight' }>> {
  const deadline = Date.now() + (deps.inFlightWaitMs ?? 5000);
  for (;;) {
    const admission = await deps.inbox.admit(entry, claimToken);
    if (admission.kind !== 'in_flight') return admission;
    if (Date.now() >= deadline) throw orderIntakeErrors.eventInFlight(entry.eventKey);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `webhook` / `poll` for journey entries (the enum's numbers mean nothing to an operator). */
function channelName(channel: IngestChannel): string {
  return (IngestChannel[channel] ?? 'UNSPECIFIED').toLowerCase();
}
