/**
 * Customer → Mplus `Relation` (WSDL `Relation`; README "Vendor facts"). A company name makes a
 * company relation (`companyName` and `name` the company, `contact` the person), otherwise a
 * person relation (`name` the person), as APIcenter's MplusKASSA link does. Mplus keeps one
 * free-text `address` (street, house number and addition together).
 */
import { type CanonicalOrder, type CustomerRef, DebtorKind } from '@koppel/contracts';
import { normalizeEmail, normalizeVatNumber } from '@koppel/order-model';
import type { MplusRelation } from './api-schemas.js';

export type RelationFields = {
  name: string;
  companyName: string;
  contact: string;
  address: string;
  zipcode: string;
  city: string;
  country: string;
  deliveryAddress: string;
  deliveryZipcode: string;
  deliveryCity: string;
  deliveryCountry: string;
  telephone: string;
  email: string;
  vatNumber: string;
};

type Address = NonNullable<CanonicalOrder['billingAddress']>;

export function addressText(address: Address): string {
  const number = [address.houseNumber, address.houseNumberAddition].filter(Boolean).join('');
  const street = [address.street, number].filter(Boolean).join(' ');
  return [street, address.extraLine].filter(Boolean).join(', ');
}

export function mapRelation(customer: CustomerRef, order: CanonicalOrder): RelationFields {
  const billing = order.billingAddress ?? order.shippingAddress;
  const delivery = order.shippingAddress ?? billing;
  const person =
    [customer.contact?.firstName, customer.contact?.lastName].filter(Boolean).join(' ').trim() ||
    [order.customer?.firstName, order.customer?.lastName].filter(Boolean).join(' ').trim();
  const company = customer.kind === DebtorKind.COMPANY;
  return {
    name: company ? customer.displayName : customer.displayName || person,
    companyName: company ? customer.displayName : '',
    contact: company ? person : '',
    address: billing ? addressText(billing) : '',
    zipcode: billing?.postcode ?? '',
    city: billing?.city ?? '',
    country: billing?.countryCode || billing?.countryName || '',
    deliveryAddress: delivery ? addressText(delivery) : '',
    deliveryZipcode: delivery?.postcode ?? '',
    deliveryCity: delivery?.city ?? '',
    deliveryCountry: delivery?.countryCode || delivery?.countryName || '',
    telephone: customer.contact?.phone || order.customer?.phone || '',
    email: normalizeEmail(customer.normalizedEmail),
    vatNumber: company ? normalizeVatNumber(order.customer?.vatNumber ?? '') : '',
  };
}

/** The fields that differ from the stored relation (empty new values never wipe stored ones), or null. */
export function relationChanges(
  existing: MplusRelation,
  wanted: RelationFields,
): Partial<RelationFields> | null {
  const changes: Partial<RelationFields> = {};
  for (const [key, value] of Object.entries(wanted) as [keyof RelationFields, string][]) {
    if (value === '') continue;
    if ((existing[key] ?? '') !== value) changes[key] = value;
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
