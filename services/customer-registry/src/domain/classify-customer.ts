import { type CanonicalOrder, DebtorKind } from '@koppel/contracts';
import { appError } from '@koppel/errors';

export type CustomerProfile = {
  normalizedEmail: string;
  kind: DebtorKind;
  displayName: string;
  companyName: string;
  firstName: string;
  lastName: string;
  phone: string;
  vatNumber: string;
};

/** Trimmed and lower-cased: the key customers are matched on, per tenant. */
export function normalizeCustomerEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Pure: who the customer is. A company name (on the customer or the billing address) makes a
 * company debtor with the person as contact; none makes a person debtor.
 */
export function classifyCustomer(order: CanonicalOrder): CustomerProfile {
  const customer = order.customer;
  const email = normalizeCustomerEmail(customer?.email ?? '');
  if (!email.includes('@')) {
    throw appError(
      'VALIDATION_FAILED',
      'the order has no usable customer e-mail address to match a debtor on',
      {
        field: 'order.customer.email',
      },
    );
  }
  const firstName = (customer?.firstName || order.billingAddress?.firstName || '').trim();
  const lastName = (customer?.lastName || order.billingAddress?.lastName || '').trim();
  const companyName = (customer?.companyName || order.billingAddress?.companyName || '').trim();
  const personName = [firstName, lastName].filter(Boolean).join(' ') || email;
  return {
    normalizedEmail: email,
    kind: companyName ? DebtorKind.COMPANY : DebtorKind.PERSON,
    displayName: companyName || personName,
    companyName,
    firstName,
    lastName,
    phone: (customer?.phone ?? '').trim(),
    vatNumber: (customer?.vatNumber ?? '').trim(),
  };
}
