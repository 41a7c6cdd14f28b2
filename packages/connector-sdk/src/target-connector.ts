import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import type { z } from 'zod';
import type { CheckFinding, ConnectionContext, SessionServices } from './connection-context.js';
import type { ProductSourceCapability } from './products.js';
import type { StockSourceCapability } from './stock.js';

/** A debtor (customer account) as the target knows it. */
export type TargetDebtor = {
  /** The target's id used to reference the debtor from documents (e.g. customerNumber). */
  targetId: string;
  name: string;
  email: string;
};

export type TargetDocument = {
  targetId: string;
  number: string;
  /**
   * Facts about the booking a person should see in the order's journey (e.g. SKUs the target
   * moved no stock for); written into the `delivered` entry. Absent or empty: nothing to note.
   */
  notes?: string[];
};

/**
 * Everything the target needs to book one order, computed before any side effect. A document
 * that cannot be prepared (currency, VAT code, ledger, totals) is refused here, so an order the
 * target can never accept is dead-lettered without a debtor left behind.
 */
export type PreparedDocument<Body> = {
  /** The document number Koppel gives the order in the target (deterministic, for dedupe). */
  number: string;
  /** The connector's own request body (less the debtor reference, known only later). */
  body: Body;
};

/**
 * What every target (books/POS) connector offers the delivery pipeline. I/O calls throw
 * AppErrors whose `retryable` decides between retry with backoff (timeouts, 5xx, 429 with
 * `retryAfterSeconds`) and dead letter (validation errors).
 */
export type TargetConnector<Settings = unknown, Credentials = unknown, Session = unknown, Body = unknown> = {
  system: string;
  displayName: string;
  settingsSchema: z.ZodType<Settings>;
  credentialsSchema: z.ZodType<Credentials>;
  /**
   * Rules that need both parts (e.g. polling switched on needs an OAuth client), over
   * `{ settings, credentials }`; an issue's path starts with `settings` or `credentials`.
   */
  connectionSchema?: z.ZodType;
  /**
   * How the target finds a document again. `by-number` (default): `findDocument` searches the
   * target, so a create whose answer was lost is found by the retry. `none`: the target cannot be
   * searched and `findDocument` finds at most what this process booked. With `none` the delivery steps never send a create again once one may
   * have reached the target (Koppel's ledger records when each create went out): the order is
   * dead-lettered `DOCUMENT_OUTCOME_UNKNOWN` for a person to look in the target. So that a create
   * the target surely did not book may be retried, such a connector marks the AppError of a
   * failed create with `details.outcome`: `answered` (the target answered with a refusal or an
   * error) or `not-sent` (the request never left); any other failure is an unknown outcome.
   */
  documentLookup?: 'by-number' | 'none';
  /** Builds a session (API client, token cache, rate limiter); the runner keeps one per connection. */
  openSession(connection: ConnectionContext<Settings, Credentials>, services: SessionServices): Session;
  /** Pure: maps and validates the order; throws a non-retryable AppError naming the field. */
  prepareDocument(order: CanonicalOrder, session: Session): PreparedDocument<Body>;
  /** Looks the order's document up in the target; null when the target does not have it. */
  findDocument(
    session: Session,
    prepared: PreparedDocument<Body>,
    order: CanonicalOrder,
  ): Promise<TargetDocument | null>;
  findDebtorByEmail(session: Session, email: string): Promise<TargetDebtor | null>;
  /** Creates the debtor: a company with contact person or a person, as `customer.kind` says. */
  createDebtor(session: Session, customer: CustomerRef, order: CanonicalOrder): Promise<TargetDebtor>;
  /** Brings an existing debtor's name, address and contact up to date. */
  updateDebtor(
    session: Session,
    debtor: TargetDebtor,
    customer: CustomerRef,
    order: CanonicalOrder,
  ): Promise<TargetDebtor>;
  /**
   * Pure: the debtor details `updateDebtor` would write for this customer and order. Where given,
   * Koppel keeps their digest with the customer's binding, and an order from a bound customer
   * whose details are what was last written skips `updateDebtor` (no look-up, no update). Absent:
   * every order calls `updateDebtor`.
   */
  debtorDetails?(session: Session, customer: CustomerRef, order: CanonicalOrder): unknown;
  /** Returns the SKUs of the order's product lines the target does not know. */
  findMissingProducts(session: Session, order: CanonicalOrder): Promise<string[]>;
  /** Creates the invoice/order/proforma from the prepared body against the debtor. */
  createDocument(
    session: Session,
    prepared: PreparedDocument<Body>,
    debtor: TargetDebtor,
  ): Promise<TargetDocument>;
  /** Tries each credential and setting against the real (or simulated) system. */
  check(session: Session): Promise<CheckFinding[]>;
  /** Reports stock for the connection's shop (see stock.ts). */
  stockSource?: StockSourceCapability<Session>;
  /** Reports the product catalogue for the connection's shop (see products.ts). */
  productSource?: ProductSourceCapability<Session>;
};

/** A target connector whose types are erased, as registries and runners hold it. */
export type AnyTargetConnector = TargetConnector<unknown, unknown, unknown, unknown>;
