import type { CanonicalOrder } from '@koppel/contracts';
import type { z } from 'zod';
import type { CheckFinding, ConnectionContext, SessionServices } from './connection-context.js';
import type { ProductSinkCapability } from './products.js';
import type { StockSinkCapability } from './stock.js';

/** The body of an inbound webhook as ingest received it, before any parsing. */
export type WebhookInput = {
  /** The request's Content-Type (media type only, lower case), e.g. `application/json`. */
  contentType: string;
  body: string;
  /** The URL's query parameters (a repeated parameter keeps its last value). */
  query: Readonly<Record<string, string>>;
  /** Request headers, names in lower case (a repeated header joined with ", "). */
  headers: Readonly<Record<string, string>>;
};

/** One order-level event of a source, from a webhook or a poll. */
export type SourceEvent = {
  /** Source event name, e.g. `order_confirm`. */
  eventType: string;
  /**
   * Unique per connection for this source event (dedupe key of the ingest inbox). A webhook
   * and a poll that see the same order state must give the same key, so the inbox dedupes them.
   */
  eventKey: string;
  externalOrderId: string;
  /** The connector's normalised JSON of this one order (XML already converted). */
  payload: Uint8Array;
  /**
   * Set when the body is recognised but is no order to book (e.g. an abandoned cart): intake
   * journals it as `ignored` with this reason and never publishes or decodes it.
   */
  ignoredReason?: string;
};

/** @deprecated name kept for readers of older code: a webhook event is a `SourceEvent`. */
export type WebhookEvent = SourceEvent;

export type DecodeContext = {
  connectionId: string;
  tenantId: string;
  eventType: string;
  receivedAt: Date;
};

/** How a source pushes orders to Koppel. */
export type WebhookCapability = {
  /** How webhooks of this source are authenticated. */
  authentication: 'url-secret' | 'standard-webhooks';
  /** Media types this source sends webhooks in. */
  acceptedContentTypes: readonly string[];
  /** Splits one webhook body into one event per order. Pure; `MALFORMED_BODY` names the field. */
  split(input: WebhookInput): SourceEvent[];
};

/** What one poll answered: events in source order and the cursor after the last of them. */
export type PollResult = {
  events: SourceEvent[];
  /** Stored only after every event is durably on `orders.raw`. */
  nextCursor: string;
  /** True when the source has more right away (the poller polls again without waiting). */
  more: boolean;
};

/** A cursor position an operator asks for through the admin API. */
export type CursorReset = { orderNumber: string } | { since: Date };

/** How Koppel pulls orders from a source (the only way in, or a webhook source's safety net). */
export type PollCapability<Session> = {
  /** `primary`: orders come only this way; `reconciliation`: catches orders whose webhook never came. */
  role: 'primary' | 'reconciliation';
  /** The cursor of a connection that has never polled. */
  initialCursor(now: Date): string;
  /** Fetches the next events after `cursor`. Throws AppErrors (`retryable` for 5xx, 429, timeouts). */
  poll(session: Session, cursor: string): Promise<PollResult>;
  /** Turns an operator's reset into this source's cursor; `VALIDATION_FAILED` if it cannot. */
  cursorFor(reset: CursorReset): string;
  /** The cursor as an operator reads it, e.g. `next order number to import: 1042`. */
  describeCursor(cursor: string): string;
};

/**
 * A source (shop) connector: pure decoding shared by every way orders come in, plus a webhook
 * capability, a poll capability, or both. Settings and credentials are the connection's
 * `source.settings` / `source.credentials`, validated with these schemas by the admin API.
 */
export type SourceConnector<Settings = unknown, Credentials = unknown, Session = unknown> = {
  system: string;
  displayName: string;
  settingsSchema: z.ZodType<Settings>;
  credentialsSchema: z.ZodType<Credentials>;
  /**
   * Rules that need both parts (e.g. polling switched on needs an OAuth client), over
   * `{ settings, credentials }`; an issue's path starts with `settings` or `credentials`.
   */
  connectionSchema?: z.ZodType;
  /** Decodes one event's payload into the canonical order (connection/tenant ids filled in). Pure. */
  decodeOrder(payload: Uint8Array, context: DecodeContext): CanonicalOrder;
  webhook?: WebhookCapability;
  poller?: PollCapability<Session>;
  /** Polling is per connection: false when the connection's settings leave it off. */
  pollingEnabled?(settings: Settings): { enabled: boolean; intervalSeconds: number };
  /** Builds a session (API client, token cache) for polls and checks. */
  openSession?(connection: ConnectionContext<Settings, Credentials>, services: SessionServices): Session;
  /** Tries each credential and setting against the real (or simulated) system. */
  check?(session: Session): Promise<CheckFinding[]>;
  /**
   * Writes a booked document back into the shop (invoice number, an order status) as the
   * connection's settings ask; idempotent. Resolves with the fields written (none: settings off).
   */
  writeBack?(session: Session, booked: BookedOrder): Promise<{ written: readonly string[] }>;
  /** Takes stock figures from the connection's books/POS (see stock.ts); needs `openSession`. */
  stockSink?: StockSinkCapability<Session>;
  /** Takes products from the connection's books/POS (see products.ts); needs `openSession`. */
  productSink?: ProductSinkCapability<Session>;
};

/** A document a target booked for a source order (`orders.booked`), as write-back receives it. */
export type BookedOrder = {
  externalOrderId: string;
  targetSystem: string;
  documentNumber: string;
  /** The target's own id of the document (empty when unknown). */
  documentId: string;
  bookedAt: Date;
};

/** A source connector whose types are erased, as registries and runners hold it. */
export type AnySourceConnector = SourceConnector<unknown, unknown, unknown>;
