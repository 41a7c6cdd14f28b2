/**
 * Exported order → canonical customer and addresses. A customer company name makes a company
 * customer (its VAT number when given); otherwise a person. Names are one field in the export:
 * the first word is the first name, the rest the last name ("Jan van der Berg" → "Jan",
 * "van der Berg"). The house number field may carry an addition ("12a", "12 bis"), split off as
 * Dutch targets want it; the delivery address falls back to the invoice address.
 */
import { create } from '@bufbuild/protobuf';
import { type Address, AddressSchema, type Customer, CustomerSchema } from '@koppel/contracts';
import { resolveCountryCode, splitStreetAndHouseNumber } from '@koppel/order-model';
import { ASSUMED_FIELDS as F } from './assumed-fields.js';
import type { ExportAddress, ExportOrder } from './order-schema.js';

export function splitName(name: string): { firstName: string; lastName: string } {
  const text = name.replace(/\s+/g, ' ').trim();
  const space = text.indexOf(' ');
  return space < 0
    ? { firstName: '', lastName: text }
    : { firstName: text.slice(0, space), lastName: text.slice(space + 1) };
}

function countryOf(value: string): { code: string; name: string } {
  const text = value.trim();
  if (/^[A-Za-z]{2}$/.test(text)) return { code: text.toUpperCase(), name: '' };
  return { code: resolveCountryCode(text) ?? '', name: text };
}

function streetParts(address: ExportAddress) {
  const street = address[F.street].trim();
  const number = address[F.housenumber].trim();
  if (number === '') return splitStreetAndHouseNumber(street);
  const split = splitStreetAndHouseNumber(`${street} ${number}`);
  return split.street === street ? split : { street, houseNumber: number, addition: '' };
}

function toAddress(address: ExportAddress): Address {
  const { street, houseNumber, addition } = streetParts(address);
  const country = countryOf(address[F.country]);
  return create(AddressSchema, {
    ...splitName(address[F.name]),
    companyName: address[F.company],
    street,
    houseNumber,
    houseNumberAddition: addition,
    postcode: address[F.zipcode].replace(/\s+/g, ' ').trim(),
    city: address[F.city],
    countryCode: country.code,
    countryName: country.name,
  });
}

export function mapCustomer(order: ExportOrder): Customer {
  const customer = order[F.customer];
  const invoice = order[F.invoiceAddress];
  return create(CustomerSchema, {
    email: customer[F.email].trim(),
    ...splitName(customer[F.name] || invoice[F.name]),
    companyName: customer[F.company] || invoice[F.company],
    vatNumber: customer[F.vatNumber].replace(/\s+/g, ''),
    phone: customer[F.phone],
  });
}

export function mapBillingAddress(order: ExportOrder): Address {
  return toAddress(order[F.invoiceAddress]);
}

export function mapShippingAddress(order: ExportOrder): Address {
  const delivery = order[F.deliveryAddress];
  return toAddress(delivery === '' ? order[F.invoiceAddress] : delivery);
}
