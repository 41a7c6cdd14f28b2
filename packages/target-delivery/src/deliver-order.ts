import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import type { TargetConnector, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import type { DebtorBindingRepository, DeliveryLedgerRepository, JourneyRepository } from '@koppel/db';
import { AppError } from '@koppel/errors';

export type DeliveryStores = {
  ledger: DeliveryLedgerRepository;
  bindings: DebtorBindingRepository;
  journey: JourneyRepository;
};

export type DeliveryOutcome =
  | { kind: 'already_delivered' }
  | { kind: 'already_in_target'; document: TargetDocument }
  | { kind: 'delivered'; document: TargetDocument; debtor: TargetDebtor };

/** How long a debtor-creation claim holds before another worker may take over. */
const DEBTOR_CLAIM_LEASE_MS = 30_000;

/** The part of a target connector the delivery steps use (its schemas and check are not needed). */
export type DeliveringConnector<Session, Body> = Omit<
  TargetConnector<unknown, unknown, Session, Body>,
  'settingsSchema' | 'credentialsSchema' | 'openSession' | 'check'
>;

/**
 * The steps every target connector runs for one order, as the integrations users know do it:
 * prepare the document (pure: an order the target can never accept is refused here, before any
 * call, so no debtor is left behind for it), skip it if the target already has it (Koppel's
 * ledger, then a look-up in the target), find the customer by e-mail and create or update the
 * debtor exactly once per customer, check that every product exists, then create the prepared
 * document. Safe to repeat after a crash at any point.
 */
export async function deliverOrder<Session, Body>(
  connector: DeliveringConnector<Session, Body>,
  session: Session,
  stores: DeliveryStores,
  order: CanonicalOrder,
  customer: CustomerRef,
): Promise<DeliveryOutcome> {
  const { connectionId, externalId } = order;
  const prepared = connector.prepareDocument(order, session);
  const ledger = await stores.ledger.begin(connectionId, externalId, prepared.number);
  if (ledger.state === 'delivered') {
    await stores.journey.record(connectionId, externalId, 'already_in_target', {
      reason: 'Koppel already delivered this order',
      documentId: ledger.documentId,
    });
    return { kind: 'already_delivered' };
  }

  const existing = await connector.findDocument(session, prepared, order);
  if (existing) {
    await stores.ledger.markDelivered(connectionId, externalId, existing.targetId);
    await stores.journey.record(connectionId, externalId, 'already_in_target', {
      reason: `the target already has document ${existing.number}`,
      documentId: existing.targetId,
      documentNumber: existing.number,
    });
    return { kind: 'already_in_target', document: existing };
  }

  const debtor = await resolveDebtor(connector, session, stores, order, customer);
  const missing = await connector.findMissingProducts(session, order);
  if (missing.length > 0) {
    throw new AppError('PRODUCTS_MISSING', `the target does not know these products: ${missing.join(', ')}`, {
      httpStatus: 422,
      retryable: false,
      field: 'order.lines.sku',
      details: { missingSkus: missing },
    });
  }
  const document = await connector.createDocument(session, prepared, debtor);
  await stores.ledger.markDelivered(connectionId, externalId, document.targetId);
  await stores.journey.record(connectionId, externalId, 'delivered', {
    targetSystem: connector.system,
    documentId: document.targetId,
    documentNumber: document.number,
    debtorId: debtor.targetId,
  });
  return { kind: 'delivered', document, debtor };
}

async function resolveDebtor<Session, Body>(
  connector: DeliveringConnector<Session, Body>,
  session: Session,
  stores: DeliveryStores,
  order: CanonicalOrder,
  customer: CustomerRef,
): Promise<TargetDebtor> {
  const { connectionId, externalId } = order;
  const claim = await stores.bindings.claim(connectionId, customer.customerId, DEBTOR_CLAIM_LEASE_MS);
  if (claim.kind === 'busy') {
    throw new AppError('DEBTOR_BEING_CREATED', 'another order of this customer is creating the debtor', {
      httpStatus: 409,
      retryable: true,
      waiting: true,
      retryAfterSeconds: 1,
    });
  }
  if (claim.kind === 'bound') {
    const known: TargetDebtor = {
      targetId: claim.targetDebtorId,
      name: customer.displayName,
      email: customer.normalizedEmail,
    };
    const updated = await connector.updateDebtor(session, known, customer, order);
    await stores.journey.record(connectionId, externalId, 'debtor_found', {
      debtorId: updated.targetId,
      via: 'koppel binding',
    });
    return updated;
  }
  let found: TargetDebtor | null;
  let debtor: TargetDebtor;
  try {
    found = await connector.findDebtorByEmail(session, customer.normalizedEmail);
    debtor = found
      ? await connector.updateDebtor(session, found, customer, order)
      : await connector.createDebtor(session, customer, order);
  } catch (error) {
    await stores.bindings.release(connectionId, customer.customerId).catch(() => {});
    throw error;
  }
  await stores.bindings.bind(connectionId, customer.customerId, debtor.targetId);
  await stores.journey.record(connectionId, externalId, found ? 'debtor_found' : 'debtor_created', {
    debtorId: debtor.targetId,
    name: debtor.name,
    via: found ? 'e-mail search in the target' : 'created',
  });
  return debtor;
}
