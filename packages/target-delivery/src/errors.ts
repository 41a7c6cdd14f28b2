/**
 * The error codes of the delivery steps. The "another worker holds it" ones are `waiting`: a
 * retry costs the record no attempt, so a burst of orders for one customer or one order
 * delivered twice at once is never dead-lettered for waiting.
 */
import { AppError } from '@koppel/errors';

export function productsMissing(missingSkus: readonly string[]): AppError {
  return new AppError(
    'PRODUCTS_MISSING',
    `the target does not know these products: ${missingSkus.join(', ')}`,
    {
      httpStatus: 422,
      retryable: false,
      field: 'order.lines.sku',
      details: { missingSkus: [...missingSkus] },
    },
  );
}

/** Another order of this customer holds the debtor claim and is creating (or finding) the debtor. */
export function debtorBeingCreated(): AppError {
  return waiting('DEBTOR_BEING_CREATED', 'another order of this customer is creating the debtor', 1);
}

/** Another worker holds this order's delivery lease (a redelivered record, a second replica). */
export function deliveryInProgress(remainingMs: number): AppError {
  const seconds = Math.min(5, Math.max(1, Math.ceil(remainingMs / 1000)));
  return waiting('DELIVERY_IN_PROGRESS', 'another worker is delivering this order', seconds);
}

/** This worker's delivery lease expired or was taken over: it stops before writing to the target. */
export function deliveryLeaseLost(): AppError {
  return waiting(
    'DELIVERY_LEASE_LOST',
    'the delivery lease of this order was lost; another worker owns it',
    1,
  );
}

/** This worker's debtor claim expired or was taken over: it stops before writing to the target. */
export function debtorClaimLost(): AppError {
  return waiting('DEBTOR_CLAIM_LOST', 'the debtor claim of this customer was lost; another order owns it', 1);
}

function waiting(code: string, message: string, retryAfterSeconds: number): AppError {
  return new AppError(code, message, { httpStatus: 409, retryable: true, waiting: true, retryAfterSeconds });
}

/**
 * A target that cannot be searched by order (`documentLookup: 'none'`) may already hold the
 * document: a create was sent at `requestedAt` and its answer was lost (timeout, crash). Koppel
 * never sends it again; a person looks in the target. Not retried.
 */
export function documentOutcomeUnknown(facts: {
  targetName: string;
  documentNumber: string;
  requestedAt: Date;
  /** What happened to the answer, e.g. the error of the create call. */
  lostBecause: string;
  cause?: unknown;
}): AppError {
  const at = facts.requestedAt.toISOString();
  return new AppError(
    'DOCUMENT_OUTCOME_UNKNOWN',
    `${facts.targetName} may already have booked document ${facts.documentNumber}: its create was sent at ${at} ` +
      `and ${facts.lostBecause}. ${facts.targetName} cannot be searched for it, so Koppel will not send it again. ` +
      `Look in ${facts.targetName} for this order's document created around ${at}; if it is missing, book it there by hand.`,
    {
      httpStatus: 409,
      retryable: false,
      details: { documentNumber: facts.documentNumber, requestedAt: at },
      cause: facts.cause,
    },
  );
}
