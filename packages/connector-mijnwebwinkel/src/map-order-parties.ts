/**
 * Mijnwebwinkel debtor → canonical customer and addresses. The invoice address is billing, the
 * delivery address shipping (the invoice one when absent). A `company` on the invoice address
 * makes a company customer (targets file it as a company debtor with the person as contact);
 * without one it is a person. `taxnumber` is the VAT number. The API gives `street` and `number` apart; `number` is split further into house
 * number and addition ("12a", "12-3", "12 bis"); a street line that still holds the number
 * ("Dorpsstraat 12a", `number` empty) is split with the shared street splitter.
 * https://myonlinestore.github.io/public-api-docs/
 */
import { create } from '@bufbuild/protobuf';
import { type Address, AddressSchema, type Customer, CustomerSchema } from '@koppel/contracts';
import { resolveCountryCode, splitStreetAndHouseNumber, type StreetAddress } from '@koppel/order-model';
import type { MijnwebwinkelAddress, MijnwebwinkelOrder } from './api-schemas.js';

/** "12a" → 12 + a, "12-3" → 12 + 3, "12 bis" → 12 + bis, "12/A" → 12 + A; no leading digits: all house number. */
export function splitHouseNumber(number: string): { houseNumber: string; addition: string } {
  const text = number.replace(/\s+/g, ' ').trim();
  const match = /^(\d+)\s*[-/.,]?\s*(.*)$/.exec(text);
  if (!match) return { houseNumber: text, addition: '' };
  return { houseNumber: match[1] ?? '', addition: (match[2] ?? '').trim() };
}

export function splitAddressLine(street: string, number: string): StreetAddress {
  if (number.trim() === '') return splitStreetAndHouseNumber(street);
  return { street: street.replace(/\s+/g, ' ').trim(), ...splitHouseNumber(number) };
}

/** "Jan van der Berg" → Jan + "van der Berg": the first word is the first name. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.replace(/\s+/g, ' ').trim();
  const space = words.indexOf(' ');
  if (space < 0) return { firstName: '', lastName: words };
  return { firstName: words.slice(0, space), lastName: words.slice(space + 1) };
}

function toAddress(address: MijnwebwinkelAddress): Address {
  const { street, houseNumber, addition } = splitAddressLine(address.street, address.number);
  const iso = address.country_code.trim();
  const countryCode = /^[A-Za-z]{2}$/.test(iso)
    ? iso.toUpperCase()
    : (resolveCountryCode(address.country) ?? '');
  return create(AddressSchema, {
    ...splitName(address.name),
    companyName: address.company.trim(),
    street,
    houseNumber,
    houseNumberAddition: addition,
    postcode: address.zipcode.replace(/\s+/g, ' ').trim().toUpperCase(),
    city: address.city.trim(),
    countryCode,
    countryName: address.country,
  });
}

export function mapCustomer(order: MijnwebwinkelOrder): Customer {
  const invoice = order.debtor.address.invoice;
  return create(CustomerSchema, {
    email: order.debtor.email.trim(),
    ...splitName(invoice.name),
    companyName: invoice.company.trim(),
    vatNumber: invoice.taxnumber.replace(/\s+/g, '').toUpperCase(),
    phone: invoice.phone.trim(),
    sourceCustomerId: order.debtor.id,
  });
}

export function mapBillingAddress(order: MijnwebwinkelOrder): Address {
  return toAddress(order.debtor.address.invoice);
}

export function mapShippingAddress(order: MijnwebwinkelOrder): Address {
  return toAddress(order.debtor.address.delivery ?? order.debtor.address.invoice);
}
