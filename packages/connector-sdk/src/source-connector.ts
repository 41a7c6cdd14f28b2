import type { CanonicalOrder } from '@koppel/contracts';

/** The body of an inbound webhook as ingest received it, before any parsing. */
export type WebhookInput = {
  /** The request's Content-Type (media type only, lower case), e.g. `application/json`. */
  contentType: string;
  body: string;
};

/** One order-level event split out of a webhook body. */
export type WebhookEvent = {
  /** Source event name, e.g. `order_confirm`. */
  eventType: string;
  /** Unique per connection for this source event (dedupe key of the ingest inbox). */
  eventKey: string;
  externalOrderId: string;
  /** The connector's normalised JSON of this one order (XML already converted). */
  payload: Uint8Array;
};

export type DecodeContext = {
  connectionId: string;
  tenantId: string;
  eventType: string;
  receivedAt: Date;
};

/**
 * A source (shop) connector. Pure functions: no I/O, so the same code runs in ingest,
 * mapping, tests and the embedded mode. Errors are AppErrors: `MALFORMED_BODY` (split)
 * and `DECODE_FAILED` (decode), each naming the field at fault.
 */
export type SourceConnector = {
  system: string;
  /** How webhooks of this source are authenticated. */
  webhookAuthentication: 'url-secret' | 'standard-webhooks';
  /** Media types this source sends webhooks in. */
  acceptedContentTypes: readonly string[];
  /** Splits one webhook body into one event per order. */
  splitWebhook(input: WebhookInput): WebhookEvent[];
  /** Decodes one event's payload into the canonical order (connection/tenant ids filled in). */
  decodeOrder(payload: Uint8Array, context: DecodeContext): CanonicalOrder;
};
