/**
 * Who a target's debtor (relation, partner) is, decided once for every target connector: a
 * company becomes a company debtor with the person as its contact; a person becomes a debtor
 * named after them. The customer registry's classification (`CustomerRef.kind`) wins; an
 * unclassified customer is a company when the order carries a company name. Pure.
 */
import { type Address, type CanonicalOrder, type CustomerRef, DebtorKind } from '@koppel/contracts';
import { normalizeEmail } from './email.js';
import { normalizeVatNumber } from './eu-vat-number.js';

export type DebtorParties = {
  isCompany: boolean;
  /** The registry's display name, else the company (company) or the person (person), else the e-mail. */
  name: string;
  /** The person: a company's contact, or the person debtor themselves ('' when unknown). */
  contactName: string;
  /** Normalized e-mail (lower case, trimmed). */
  email: string;
  /** A company's VAT number, normalized; '' for a person. */
  vatNumber: string;
  phone: string;
  /** The billing address, or the shipping address when the shop sent no billing address. */
  address: Address | undefined;
};

export function isCompanyCustomer(customer: CustomerRef, order: CanonicalOrder): boolean {
  if (customer.kind === DebtorKind.COMPANY) return true;
  if (customer.kind === DebtorKind.PERSON) return false;
  return (order.customer?.companyName ?? '').trim() !== '';
}

export function debtorParties(customer: CustomerRef, order: CanonicalOrder): DebtorParties {
  const source = order.customer;
  const contactName = joinName(
    customer.contact?.firstName || source?.firstName,
    customer.contact?.lastName || source?.lastName,
  );
  const email = customer.normalizedEmail || normalizeEmail(customer.contact?.email || source?.email || '');
  const isCompany = isCompanyCustomer(customer, order);
  const name =
    customer.displayName.trim() || (isCompany ? (source?.companyName ?? '').trim() : contactName) || email;
  return {
    isCompany,
    name,
    contactName,
    email,
    vatNumber: isCompany ? normalizeVatNumber(source?.vatNumber ?? '') : '',
    phone: (customer.contact?.phone || source?.phone || '').trim(),
    address: debtorAddress(order),
  };
}

/** The billing address, or the shipping address when the billing address has no street or city. */
export function debtorAddress(order: CanonicalOrder): Address | undefined {
  const filled = (address: Address | undefined): address is Address =>
    address !== undefined && (address.street.trim() !== '' || address.city.trim() !== '');
  if (filled(order.billingAddress)) return order.billingAddress;
  if (filled(order.shippingAddress)) return order.shippingAddress;
  return undefined;
}

/** "Kerkstraat" + "12" + "A" → "Kerkstraat 12 A" (PostNL writes the addition after a space). */
export function streetLine(address: Pick<Address, 'street' | 'houseNumber' | 'houseNumberAddition'>): string {
  return [address.street, address.houseNumber, address.houseNumberAddition]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** Dutch postcodes as "1234 AB" (the form Dutch bookkeeping shows); others as given. */
export function formatPostCode(postcode: string, countryCode: string): string {
  const trimmed = postcode.trim();
  const dutch = /^(\d{4})\s*([A-Za-z]{2})$/.exec(trimmed);
  if (countryCode === 'NL' && dutch) return `${dutch[1]} ${dutch[2]?.toUpperCase()}`;
  return trimmed;
}

function joinName(first: string | undefined, last: string | undefined): string {
  return [first, last]
    .map((part) => (part ?? '').trim())
    .filter((part) => part !== '')
    .join(' ');
}
