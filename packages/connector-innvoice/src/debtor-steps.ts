/**
 * Debtor steps of the InnVoice connector. InnVoice has no partner API (README "Customers"): the
 * buyer travels inline on every document and InnVoice files it in its own partner register. So a
 * debtor here is the buyer as Koppel keeps it, `targetId` = the customer's e-mail (or Koppel's
 * customer id when there is none); nothing is sent until the document. Koppel's debtor binding
 * (target-delivery) finds a returning customer again; this session remembers buyers it filed.
 */
import type { TargetDebtor } from '@koppel/connector-sdk';
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import { normalizeEmail } from '@koppel/order-model';
import type { InnvoiceSession } from './session.js';

export async function findDebtorByEmail(
  session: InnvoiceSession,
  email: string,
): Promise<TargetDebtor | null> {
  const wanted = normalizeEmail(email);
  return wanted === '' ? null : (session.debtors.get(wanted) ?? null);
}

export async function createDebtor(
  session: InnvoiceSession,
  customer: CustomerRef,
  _order: CanonicalOrder,
): Promise<TargetDebtor> {
  const email = normalizeEmail(customer.normalizedEmail);
  const debtor: TargetDebtor = {
    targetId: email !== '' ? email : `koppel:${customer.customerId}`,
    name: customer.displayName,
    email,
  };
  if (email !== '') session.debtors.set(email, debtor);
  return debtor;
}

export async function updateDebtor(
  session: InnvoiceSession,
  debtor: TargetDebtor,
  customer: CustomerRef,
  _order: CanonicalOrder,
): Promise<TargetDebtor> {
  // The newest name and address go out with the next document; InnVoice updates its partner then.
  const updated: TargetDebtor = { ...debtor, name: customer.displayName || debtor.name };
  if (updated.email !== '') session.debtors.set(updated.email, updated);
  return updated;
}
