import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';

/** A debtor (customer account) as the target knows it. */
export type TargetDebtor = {
  /** The target's id used to reference the debtor from documents (e.g. customerNumber). */
  targetId: string;
  name: string;
  email: string;
};

export type TargetDocument = { targetId: string; number: string };

/**
 * What every target (books/POS) connector offers the delivery pipeline. All calls are I/O
 * against the target's API; they throw AppErrors whose `retryable` decides between retry with
 * backoff (timeouts, 5xx, 429 with `retryAfterSeconds`) and dead-letter (validation errors).
 * `Session` carries the connection's credentials and settings in the connector's own shape.
 */
export type TargetConnector<Session> = {
  system: string;
  /** The document number Koppel gives the order in the target (deterministic, for dedupe). */
  documentNumberFor(order: CanonicalOrder, session: Session): string;
  /** Looks the order's document up in the target; null when the target does not have it. */
  findDocument(session: Session, order: CanonicalOrder): Promise<TargetDocument | null>;
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
  /** Returns the SKUs of the order's product lines the target does not know. */
  findMissingProducts(session: Session, order: CanonicalOrder): Promise<string[]>;
  /** Creates the invoice/order/proforma for the order against the debtor. */
  createDocument(session: Session, order: CanonicalOrder, debtor: TargetDebtor): Promise<TargetDocument>;
};
