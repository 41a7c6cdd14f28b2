/**
 * The buyer InnVoice keeps inline on every document (`Vevo*` fields): InnVoice has no partner
 * API; it files the buyer in its own partner register from the document (README "Customers").
 */
import { type Address, type CanonicalOrder, type CustomerRef, DebtorKind } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import { normalizeEmail } from '@koppel/order-model';

export type Buyer = {
  name: string;
  postCode: string;
  city: string;
  street: string;
  country: string;
  taxNumber: string;
  email: string;
};

/** Hungarian tax numbers as `12345678-1-23`; EU VAT ids without spaces. */
export function normalizeTaxNumber(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const digits = /^(\d{8})-?(\d)-?(\d{2})$/.exec(compact);
  return digits ? `${digits[1]}-${digits[2]}-${digits[3]}` : compact;
}

function streetOf(address: Address): string {
  const number = [address.houseNumber, address.houseNumberAddition].filter((p) => p !== '').join('');
  return [address.street, number, address.extraLine]
    .filter((part) => part.trim() !== '')
    .join(' ')
    .trim();
}

export function mapBuyer(order: CanonicalOrder, customer?: CustomerRef): Buyer {
  const address = order.billingAddress ?? order.shippingAddress;
  // Hungarian names are written family name first (Gipsz Jakab).
  const country = address?.countryCode.trim().toUpperCase() || 'HU';
  const parts = [order.customer?.firstName, order.customer?.lastName];
  const person = (country === 'HU' ? parts.reverse() : parts).filter(Boolean).join(' ').trim();
  const company = order.customer?.companyName || address?.companyName || '';
  const name =
    customer?.kind === DebtorKind.COMPANY || (customer === undefined && company !== '')
      ? customer?.displayName || company
      : customer?.displayName || person || [address?.firstName, address?.lastName].join(' ').trim();
  const buyer: Buyer = {
    name: name.trim(),
    postCode: address?.postcode.trim() ?? '',
    city: address?.city.trim() ?? '',
    street: address ? streetOf(address) : '',
    country,
    // A person buys without a tax number (InnVoice: leave VevoAdoszam out for private persons).
    taxNumber: company !== '' ? normalizeTaxNumber(order.customer?.vatNumber ?? '') : '',
    email: normalizeEmail(order.customer?.email ?? ''),
  };
  const missing = (
    [
      ['name', 'order.customer'],
      ['postCode', 'order.billingAddress.postcode'],
      ['city', 'order.billingAddress.city'],
      ['street', 'order.billingAddress.street'],
    ] as const
  ).find(([key]) => buyer[key] === '');
  if (missing) {
    throw appError('VALIDATION_FAILED', `InnVoice needs the buyer's ${missing[0]} on every document`, {
      field: missing[1],
    });
  }
  return buyer;
}
