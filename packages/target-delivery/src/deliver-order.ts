import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import {
  contentDigest,
  type PreparedDocument,
  type TargetConnector,
  type TargetDebtor,
  type TargetDocument,
} from '@koppel/connector-sdk';
import type {
  DebtorBindingRepository,
  DeliveryLease,
  DeliveryLedgerRepository,
  JourneyRepository,
} from '@koppel/db';
import { isAppError } from '@koppel/errors';
import {
  debtorBeingCreated,
  debtorClaimLost,
  deliveryInProgress,
  deliveryLeaseLost,
  documentOutcomeUnknown,
  productsMissing,
} from './errors.js';
import { keepLease, type LeaseKeeper } from './lease-keeper.js';
import { toSentRequest } from './sent-request.js';

export type DeliveryStores = {
  ledger: DeliveryLedgerRepository;
  bindings: DebtorBindingRepository;
  journey: JourneyRepository;
};

export type DeliveryOutcome =
  /**
   * Koppel's ledger says this order is booked. `document` is the booked document when the ledger
   * knows the number the target gave it (rows marked before migration 0017 do not: null);
   * `announced` whether its `orders.booked` announcement was published (`markAnnounced`).
   */
  | { kind: 'already_delivered'; document: TargetDocument | null; announced: boolean }
  | { kind: 'already_in_target'; document: TargetDocument }
  | { kind: 'delivered'; document: TargetDocument; debtor: TargetDebtor };

export type DeliveryTimings = {
  /**
   * Length of the delivery lease in milliseconds (default 40 000: what an order left by a crashed
   * worker waits before another takes over). It is renewed while the steps run and right before
   * `createDocument`, so it must exceed the target's request timeout (30 000 by default): the
   * create then always finishes, or times out, while the lease is still this worker's.
   */
  leaseMs?: number;
  /** Length of the debtor claim in milliseconds (default 40 000), renewed the same way. */
  debtorClaimMs?: number;
};

const DEFAULT_LEASE_MS = 40_000;
const DEFAULT_DEBTOR_CLAIM_MS = 40_000;

/** The part of a target connector the delivery steps use (its schemas and check are not needed). */
export type DeliveringConnector<Session, Body> = Omit<
  TargetConnector<unknown, unknown, Session, Body>,
  'settingsSchema' | 'credentialsSchema' | 'openSession' | 'check'
>;

/**
 * The steps every target connector runs for one order, as the integrations users know do it:
 * prepare the document (pure: an order the target can never accept is refused here, before any
 * call, so no debtor is left behind for it), take the order's delivery lease (Koppel's ledger:
 * skip if delivered, wait if another worker holds it), skip it if the target already has it (a
 * look-up in the target), find the customer by e-mail and create or update the debtor exactly
 * once per customer, check that every product exists, then create the prepared document.
 *
 * Exactly once is Koppel's, not the target's: only the holder of the lease (fencing token,
 * database clock) writes the document and marks it delivered. The lease is renewed while the
 * slow steps run and once more right before `createDocument`; a worker that lost it stops there.
 * A crashed worker's lease expires and the next one looks in the target first, so a document
 * created just before the crash is found, not created again. Safe to repeat at any point.
 *
 * A target that cannot be searched (`documentLookup: 'none'`) cannot find that document, so the
 * ledger's record of the last create sent (`document_requested_at`) stands in for the look-up:
 * once a create may have reached the target, the order stops `DOCUMENT_OUTCOME_UNKNOWN`.
 */
export async function deliverOrder<Session, Body>(
  connector: DeliveringConnector<Session, Body>,
  session: Session,
  stores: DeliveryStores,
  order: CanonicalOrder,
  customer: CustomerRef,
  timings: DeliveryTimings = {},
): Promise<DeliveryOutcome> {
  const { connectionId, externalId } = order;
  const leaseMs = timings.leaseMs ?? DEFAULT_LEASE_MS;
  const prepared = connector.prepareDocument(order, session);
  const acquired = await stores.ledger.acquire(connectionId, externalId, prepared.number, leaseMs);
  if (acquired.kind === 'held') throw deliveryInProgress(acquired.remainingMs);
  if (acquired.kind === 'delivered') {
    await stores.journey.record(connectionId, externalId, 'already_in_target', {
      reason: 'Koppel already delivered this order',
      documentId: acquired.documentId,
    });
    const { documentId, bookedNumber, announced } = acquired;
    return {
      kind: 'already_delivered',
      document:
        documentId !== null && bookedNumber !== null ? { targetId: documentId, number: bookedNumber } : null,
      announced,
    };
  }

  const lease = acquired.lease;
  const keeper = keepLease(() => stores.ledger.renew(lease, leaseMs), leaseMs, deliveryLeaseLost);
  try {
    const existing = await connector.findDocument(session, prepared, order);
    if (existing) {
      await markDelivered(stores, lease, existing);
      await stores.journey.record(connectionId, externalId, 'already_in_target', {
        reason: `the target already has document ${existing.number}`,
        documentId: existing.targetId,
        documentNumber: existing.number,
      });
      return { kind: 'already_in_target', document: existing };
    }

    const searchable = (connector.documentLookup ?? 'by-number') === 'by-number';
    if (!searchable && acquired.documentRequestedAt !== null) {
      throw documentOutcomeUnknown({
        targetName: connector.displayName,
        documentNumber: prepared.number,
        requestedAt: acquired.documentRequestedAt,
        lostBecause: 'that attempt ended without recording an answer (lost answer or crash)',
      });
    }

    const debtor = await resolveDebtor(connector, session, stores, order, customer, timings);
    const missing = await connector.findMissingProducts(session, order);
    if (missing.length > 0) throw productsMissing(missing);
    // Renews the lease once more and records the time the create goes out, for the next attempt.
    const requestedAt = await stores.ledger.markDocumentRequested(
      lease,
      leaseMs,
      toSentRequest(prepared, debtor),
    );
    if (requestedAt === null) throw deliveryLeaseLost();
    const document = await createOnce(connector, session, stores, lease, prepared, debtor, requestedAt);
    keeper.stop();
    await markDelivered(stores, lease, document);
    await stores.journey.record(connectionId, externalId, 'delivered', {
      targetSystem: connector.system,
      documentId: document.targetId,
      documentNumber: document.number,
      debtorId: debtor.targetId,
      ...(document.notes && document.notes.length > 0 ? { notes: document.notes } : {}),
    });
    return { kind: 'delivered', document, debtor };
  } catch (error) {
    keeper.stop();
    // Free at once for the retry (a no-op when the lease was lost); a crash lets it expire.
    await stores.ledger.release(lease).catch(() => {});
    throw error;
  } finally {
    keeper.stop();
  }
}

/**
 * Sends the create. For a target that cannot be searched, a failure the connector marks as surely
 * not booked (`details.outcome` `answered` or `not-sent`, SDK `documentLookup`) clears the
 * ledger's record so the retry may send it again; any other failure may have booked the document
 * and stops the order at once as `DOCUMENT_OUTCOME_UNKNOWN`.
 */
async function createOnce<Session, Body>(
  connector: DeliveringConnector<Session, Body>,
  session: Session,
  stores: DeliveryStores,
  lease: DeliveryLease,
  prepared: PreparedDocument<Body>,
  debtor: TargetDebtor,
  requestedAt: Date,
): Promise<TargetDocument> {
  try {
    return await connector.createDocument(session, prepared, debtor);
  } catch (error) {
    if ((connector.documentLookup ?? 'by-number') === 'by-number') throw error;
    const outcome = isAppError(error) ? error.details?.outcome : undefined;
    if (outcome === 'answered' || outcome === 'not-sent') {
      // Should this fail, the retry stops as outcome unknown: the safe side.
      await stores.ledger.clearDocumentRequest(lease).catch(() => false);
      throw error;
    }
    throw documentOutcomeUnknown({
      targetName: connector.displayName,
      documentNumber: prepared.number,
      requestedAt,
      lostBecause: `its answer was lost (${error instanceof Error ? error.message : String(error)})`,
      cause: error,
    });
  }
}

/**
 * Marks the ledger with this worker's fence. Refused only when another worker took the lease
 * over after it expired: that worker looks in the target before creating and finds this
 * document, so nothing is booked twice and the outcome here stands.
 */
async function markDelivered(
  stores: DeliveryStores,
  lease: DeliveryLease,
  document: TargetDocument,
): Promise<void> {
  await stores.ledger.markDelivered(lease, document.targetId, document.number);
}

async function resolveDebtor<Session, Body>(
  connector: DeliveringConnector<Session, Body>,
  session: Session,
  stores: DeliveryStores,
  order: CanonicalOrder,
  customer: CustomerRef,
  timings: DeliveryTimings,
): Promise<TargetDebtor> {
  const { connectionId, externalId } = order;
  const claimMs = timings.debtorClaimMs ?? DEFAULT_DEBTOR_CLAIM_MS;
  const details = connector.debtorDetails?.(session, customer, order);
  const digest = details === undefined ? null : contentDigest(details);
  const result = await stores.bindings.claim(connectionId, customer.customerId, claimMs);
  if (result.kind === 'busy') throw debtorBeingCreated();
  if (result.kind === 'bound') {
    const known: TargetDebtor = {
      targetId: result.targetDebtorId,
      name: customer.displayName,
      email: customer.normalizedEmail,
    };
    // The details last written are this order's: nothing to look up or update.
    const unchanged = digest !== null && digest === result.syncedDigest;
    const updated = unchanged ? known : await connector.updateDebtor(session, known, customer, order);
    // Recorded only when the debtor stays the bound one (a changed default debtor replaces it).
    if (digest !== null && !unchanged && updated.targetId === result.targetDebtorId)
      await stores.bindings.recordSynced(connectionId, customer.customerId, result.targetDebtorId, digest);
    await stores.journey.record(connectionId, externalId, 'debtor_found', {
      debtorId: updated.targetId,
      via: unchanged ? 'koppel binding, details unchanged' : 'koppel binding',
    });
    return updated;
  }
  const claim = result.claim;
  const keeper: LeaseKeeper = keepLease(
    () => stores.bindings.renew(claim, claimMs),
    claimMs,
    debtorClaimLost,
  );
  let found: TargetDebtor | null;
  let debtor: TargetDebtor;
  try {
    found = await connector.findDebtorByEmail(session, customer.normalizedEmail);
    await keeper.confirm();
    debtor = found
      ? await connector.updateDebtor(session, found, customer, order)
      : await connector.createDebtor(session, customer, order);
    keeper.stop();
    if (!(await stores.bindings.bind(claim, debtor.targetId, digest))) throw debtorClaimLost();
  } catch (error) {
    keeper.stop();
    await stores.bindings.release(claim).catch(() => {});
    throw error;
  }
  await stores.journey.record(connectionId, externalId, found ? 'debtor_found' : 'debtor_created', {
    debtorId: debtor.targetId,
    name: debtor.name,
    via: found ? 'e-mail search in the target' : 'created',
  });
  return debtor;
}
