import type { CanonicalOrder } from '@koppel/contracts';
import type { AnySourceConnector, SourceEvent } from '@koppel/connector-sdk';
import type { Connection, JourneyRepository } from '@koppel/db';
import { AppError, appError } from '@koppel/errors';
import type { DryRunBody } from '../schemas/mapping-rule-schemas.js';

/** The decoded order a dry run maps, and where it came from. */
export type DryRunOrder = {
  order: CanonicalOrder;
  externalOrderId: string;
  eventType: string;
  source: 'journey' | 'payload';
};

/**
 * Where a connector's field lies in the dry-run request. A connector names the parts of the
 * webhook request it was given (`body`, `content-type`, or a path inside the body such as
 * `orders.order[0].innerId`); a pasted payload carries those as `payload.body` and
 * `payload.contentType`.
 */
function toPastedField(field: string | undefined): string {
  const body = 'body.payload.body';
  if (field === undefined || field === '' || field === 'body') return body;
  if (/^(headers\.)?content-type$/i.test(field)) return 'body.payload.contentType';
  return field.startsWith('body.') ? `body.payload.${field}` : `${body}.${field}`;
}

/** A connector's error for a pasted body (or stored payload), re-addressed to the request field. */
function underField(error: unknown, toField: (field: string | undefined) => string): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, error.message, {
    // The request itself was fine: the pasted body (or stored payload) is what the connector refused.
    httpStatus: error.httpStatus < 500 ? 422 : error.httpStatus,
    retryable: false,
    field: toField(error.field),
    details: error.details,
  });
}

const underExternalOrderId = (field: string | undefined) =>
  field ? `body.externalOrderId.${field}` : 'body.externalOrderId';

/**
 * The order as the journey stored it when it was received: the source connector's normalised
 * JSON (the `received` stage's `sourcePayload`, @koppel/order-intake), the same bytes mapping
 * decoded. The latest reception wins (a status change arrives as a new event).
 */
async function fromJourney(journey: JourneyRepository, connection: Connection, externalOrderId: string) {
  const entries = await journey.list(connection.id, externalOrderId);
  const received = entries
    .filter((e) => e.stage === 'received' && e.detail.sourcePayload !== undefined)
    .at(-1);
  if (!received) {
    throw appError(
      'NOT_FOUND',
      `no received payload for order ${externalOrderId} on connection ${connection.id}; paste the payload instead`,
      { field: 'body.externalOrderId' },
    );
  }
  const eventType = typeof received.detail.eventType === 'string' ? received.detail.eventType : '';
  const payload = new TextEncoder().encode(JSON.stringify(received.detail.sourcePayload));
  return { payload, eventType, receivedAt: received.at };
}

/**
 * A pasted body split as ingest splits a webhook (`webhook.split`); a source without webhooks
 * takes its own normalised order JSON, as the journey shows it.
 */
function fromPayload(
  source: AnySourceConnector,
  payload: NonNullable<DryRunBody['payload']>,
  wanted?: string,
) {
  let events: SourceEvent[];
  if (source.webhook) {
    const contentType = payload.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    try {
      events = source.webhook.split({
        contentType,
        body: payload.body,
        query: {},
        headers: { 'content-type': contentType },
      });
    } catch (error) {
      throw underField(error, toPastedField);
    }
  } else {
    events = [
      {
        eventType: 'pasted',
        eventKey: 'pasted',
        externalOrderId: '',
        payload: new TextEncoder().encode(payload.body),
      },
    ];
  }
  const orders = events.filter((event) => event.ignoredReason === undefined);
  const event = wanted === undefined ? orders[0] : orders.find((e) => e.externalOrderId === wanted);
  if (!event) {
    const found = orders.map((e) => e.externalOrderId).join(', ') || 'none';
    throw appError(
      'DECODE_FAILED',
      `the payload holds no order ${wanted ?? ''} to map (orders found: ${found})`,
      {
        field: wanted === undefined ? 'body.payload.body' : 'body.externalOrderId',
      },
    );
  }
  return { payload: event.payload, eventType: event.eventType, receivedAt: new Date() };
}

/** Finds and decodes the order a dry run maps; reads only. */
export async function loadDryRunOrder(
  deps: { journey: JourneyRepository },
  source: AnySourceConnector,
  connection: Connection,
  body: DryRunBody,
): Promise<DryRunOrder> {
  const picked = body.payload
    ? fromPayload(source, body.payload, body.externalOrderId)
    : await fromJourney(deps.journey, connection, body.externalOrderId ?? '');
  let order: CanonicalOrder;
  try {
    order = source.decodeOrder(picked.payload, {
      connectionId: connection.id,
      tenantId: connection.tenantId,
      eventType: picked.eventType,
      receivedAt: picked.receivedAt,
    });
  } catch (error) {
    throw underField(error, body.payload ? toPastedField : underExternalOrderId);
  }
  return {
    order,
    externalOrderId: order.externalId,
    eventType: picked.eventType,
    source: body.payload ? 'payload' : 'journey',
  };
}
