/**
 * Debtor steps of the Asperion connector: find by e-mail, create, update (README.md).
 * With a default debtor configured every order is booked on that one debtor, and no debtor is
 * created or changed.
 */
import type { TargetDebtor } from '@koppel/connector-sdk';
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import { appError, isAppError } from '@koppel/errors';
import { normalizeEmail } from '@koppel/order-model';
import type { AsperionSession } from './session.js';
import { type AsperionDebtor, debtorSchema, entitySchema } from './api-schemas.js';
import { mapDebtor, mergeDebtorUpdate } from './map-debtor.js';

async function findDebtor(
  session: AsperionSession,
  filter: string,
  value: string,
): Promise<AsperionDebtor[]> {
  return session.client.list(
    '/v1/debtors',
    { [filter]: value, [`${filter}_comparison`]: 'Equals' },
    debtorSchema,
    `debtor lookup by ${filter}`,
  );
}

async function defaultDebtor(session: AsperionSession, customerNumber: string): Promise<TargetDebtor> {
  const debtor = (await findDebtor(session, 'CustomerNumber', customerNumber)).find(
    (candidate) => candidate.customerNumber === customerNumber,
  );
  if (!debtor) {
    throw appError('TARGET_REJECTED', `the default debtor ${customerNumber} does not exist in Asperion`, {
      field: 'target.settings.defaultDebtorCustomerNumber',
    });
  }
  return toTargetDebtor(debtor);
}

export async function findDebtorByEmail(
  session: AsperionSession,
  email: string,
): Promise<TargetDebtor | null> {
  const fixed = session.settings.defaultDebtorCustomerNumber;
  if (fixed !== undefined) return defaultDebtor(session, fixed);
  const wanted = normalizeEmail(email);
  if (wanted === '') return null;
  const matches = (await findDebtor(session, 'EmailAddress', wanted)).filter(
    (debtor) => normalizeEmail(debtor.emailAddress ?? '') === wanted,
  );
  // Several debtors may share an address; an unblocked one with the lowest id is the stable pick.
  matches.sort((a, b) => Number(a.blocked === true) - Number(b.blocked === true) || a.id - b.id);
  const debtor = matches[0];
  return debtor ? toTargetDebtor(debtor) : null;
}

export async function createDebtor(
  session: AsperionSession,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  const fixed = session.settings.defaultDebtorCustomerNumber;
  if (fixed !== undefined) return defaultDebtor(session, fixed);
  const created = await session.client.request({
    method: 'POST',
    path: '/v1/debtors',
    body: mapDebtor(customer, order, session.settings),
    schema: entitySchema(debtorSchema),
    what: 'debtor creation',
  });
  return toTargetDebtor(created);
}

/**
 * What `updateDebtor` writes from the shop's data (no setting but the shared default debtor plays
 * a part in it): Koppel keeps its digest, so a known customer whose details did not change costs
 * no call.
 */
export function debtorDetails(session: AsperionSession, customer: CustomerRef, order: CanonicalOrder) {
  return {
    defaultDebtor: session.settings.defaultDebtorCustomerNumber ?? null,
    debtor: mapDebtor(customer, order, {}),
  };
}

export async function updateDebtor(
  session: AsperionSession,
  debtor: TargetDebtor,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  // The shared default debtor is never overwritten with one customer's details.
  if (session.settings.defaultDebtorCustomerNumber !== undefined) return debtor;
  const existing = (await findDebtor(session, 'CustomerNumber', debtor.targetId)).find(
    (candidate) => candidate.customerNumber === debtor.targetId,
  );
  if (!existing) {
    throw appError('TARGET_REJECTED', `debtor ${debtor.targetId} no longer exists in Asperion`, {
      field: 'debtor.targetId',
    });
  }
  const merged = mergeDebtorUpdate(existing, mapDebtor(customer, order, {}));
  if (merged === null) return toTargetDebtor(existing);
  try {
    const updated = await session.client.request({
      method: 'PUT',
      path: `/v1/debtors/${existing.id}`,
      body: merged,
      schema: entitySchema(debtorSchema),
      what: 'debtor update',
    });
    return toTargetDebtor(updated);
  } catch (error) {
    // PUT is not in the public sources (README.md lists GET + POST): where Asperion does
    // not allow it, the order is still booked on the debtor as it is.
    if (isAppError(error) && error.details?.status === 405) return toTargetDebtor(existing);
    throw error;
  }
}

function toTargetDebtor(debtor: AsperionDebtor): TargetDebtor {
  return { targetId: debtor.customerNumber, name: debtor.name ?? '', email: debtor.emailAddress ?? '' };
}
