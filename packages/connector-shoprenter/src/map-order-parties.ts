/**
 * Shoprenter webhook order → canonical customer and addresses. Billing is the `payment*`
 * address, shipping the `shipping*` one; `paymentCompany` makes a company customer and
 * `paymentTaxnumber` (else the REST field `taxNumber`) is its VAT number. The country code is
 * `*CountryIsoCode2` when sent (order_confirm/order_status_change only), else resolved from
 * the country name; the first address line is split into street, house number and addition.
 * https://doc.shoprenter.hu/api/webhook.html
 */
import { create } from '@bufbuild/protobuf';
import { type Address, AddressSchema, type Customer, CustomerSchema } from '@koppel/contracts';
import { resolveCountryCode, splitStreetAndHouseNumber } from '@koppel/order-model';
import type { ShoprenterOrder } from './order-payload-schema.js';

export function mapCustomer(order: ShoprenterOrder): Customer {
  return create(CustomerSchema, {
    email: order.email,
    firstName: order.firstname || order.paymentFirstname,
    lastName: order.lastname || order.paymentLastname,
    companyName: order.paymentCompany,
    vatNumber: order.paymentTaxnumber || order.taxNumber,
    phone: order.phone,
    sourceCustomerId: order.customerId,
  });
}

type AddressParts = {
  firstName: string;
  lastName: string;
  company: string;
  line1: string;
  line2: string;
  postcode: string;
  city: string;
  countryName: string;
  countryIsoCode2: string;
  zone: string;
};

function buildAddress(parts: AddressParts): Address {
  const { street, houseNumber, addition } = splitStreetAndHouseNumber(parts.line1);
  const iso = parts.countryIsoCode2;
  const countryCode = /^[A-Za-z]{2}$/.test(iso)
    ? iso.toUpperCase()
    : (resolveCountryCode(parts.countryName) ?? '');
  return create(AddressSchema, {
    firstName: parts.firstName,
    lastName: parts.lastName,
    companyName: parts.company,
    street,
    houseNumber,
    houseNumberAddition: addition,
    extraLine: parts.line2,
    postcode: parts.postcode,
    city: parts.city,
    countryCode,
    countryName: parts.countryName,
    region: parts.zone,
  });
}

export function mapBillingAddress(order: ShoprenterOrder): Address {
  return buildAddress({
    firstName: order.paymentFirstname,
    lastName: order.paymentLastname,
    company: order.paymentCompany,
    line1: order.paymentAddress1,
    line2: order.paymentAddress2,
    postcode: order.paymentPostcode,
    city: order.paymentCity,
    countryName: order.paymentCountryName,
    countryIsoCode2: order.paymentCountryIsoCode2,
    zone: order.paymentZoneName,
  });
}

export function mapShippingAddress(order: ShoprenterOrder): Address {
  return buildAddress({
    firstName: order.shippingFirstname,
    lastName: order.shippingLastname,
    company: order.shippingCompany,
    line1: order.shippingAddress1,
    line2: order.shippingAddress2,
    postcode: order.shippingPostcode,
    city: order.shippingCity,
    countryName: order.shippingCountryName,
    countryIsoCode2: order.shippingCountryIsoCode2,
    zone: order.shippingZoneName,
  });
}
