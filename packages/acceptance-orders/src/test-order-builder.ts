/**
 * The canonical-order builder the target connectors' tests share: one customer (person or
 * company) with one address, lines made with the order-model helpers, totals computed from
 * them. Every connector keeps its own defaults (names, dates, currency) in its test fixtures;
 * fields left undefined stay at the proto defaults.
 */
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AddressSchema,
  type CanonicalOrder,
  CanonicalOrderSchema,
  type CustomerRef,
  CustomerRefSchema,
  CustomerSchema,
  DebtorKind,
  type OrderLine,
  type VatRounding,
} from '@koppel/contracts';
import { computeTotals } from '@koppel/order-model';

export type TestCustomerInput = {
  firstName: string;
  lastName: string;
  /** Empty for a consumer (B2C). */
  companyName: string;
  /** The customer's VAT number as the shop sent it; empty for a consumer. */
  vatNumber: string;
  email: string;
  phone?: string;
  street: string;
  houseNumber: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
  countryCode: string;
  /** Country of the shipping address when it differs from the billing address. */
  shippingCountryCode?: string;
};

/** The Dutch consumer of the target connectors' tests (Utrecht); each test adds email, country, company. */
export const PIET_JANSEN: Readonly<
  Omit<TestCustomerInput, 'companyName' | 'vatNumber' | 'email' | 'countryCode' | 'shippingCountryCode'>
> = Object.freeze({
  firstName: 'Piet',
  lastName: 'Jansen',
  phone: '+31 30 1234567',
  street: 'Kerkstraat',
  houseNumber: '12',
  houseNumberAddition: 'A',
  postcode: '1234ab',
  city: 'Utrecht',
});

export type TestOrderInput = {
  orderNumber: string;
  /** `ext-<orderNumber>` when absent. */
  externalId?: string;
  connectionId?: string;
  tenantId?: string;
  createdAt: Date;
  currency: string;
  customer: TestCustomerInput;
  lines: OrderLine[];
  rounding: VatRounding;
  /** Further order fields (payment and shipping method, payment status) as a test needs them. */
  extra?: Omit<MessageInitShape<typeof CanonicalOrderSchema>, '$typeName'>;
};

export function buildTestOrder(input: TestOrderInput): CanonicalOrder {
  const { customer } = input;
  const addressFields = {
    firstName: customer.firstName,
    lastName: customer.lastName,
    companyName: customer.companyName,
    street: customer.street,
    houseNumber: customer.houseNumber,
    houseNumberAddition: customer.houseNumberAddition,
    postcode: customer.postcode,
    city: customer.city,
    countryCode: customer.countryCode,
  };
  const address = create(AddressSchema, addressFields);
  const shippingAddress =
    customer.shippingCountryCode === undefined
      ? address
      : create(AddressSchema, { ...addressFields, countryCode: customer.shippingCountryCode });
  return create(CanonicalOrderSchema, {
    connectionId: input.connectionId ?? 'conn-1',
    tenantId: input.tenantId ?? 'tenant-1',
    sourceSystem: 'shoprenter',
    externalId: input.externalId ?? `ext-${input.orderNumber}`,
    orderNumber: input.orderNumber,
    createdAt: timestampFromDate(input.createdAt),
    currency: input.currency,
    customer: create(CustomerSchema, {
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      companyName: customer.companyName,
      vatNumber: customer.vatNumber,
      phone: customer.phone,
    }),
    billingAddress: address,
    shippingAddress,
    lines: input.lines,
    totals: computeTotals(input.lines, input.rounding),
    vatRounding: input.rounding,
    ...input.extra,
  });
}

/**
 * The customer-registry answer for a test order: a company debtor named after the company, else
 * a person named `personName`, with the given contact.
 */
export function buildTestCustomerRef(
  order: CanonicalOrder,
  options: {
    customerId: string;
    personName: string;
    contact: { firstName: string; lastName: string; phone: string };
  },
): CustomerRef {
  const company = (order.customer?.companyName ?? '') !== '';
  return create(CustomerRefSchema, {
    customerId: options.customerId,
    normalizedEmail: (order.customer?.email ?? '').toLowerCase(),
    kind: company ? DebtorKind.COMPANY : DebtorKind.PERSON,
    displayName: company ? (order.customer?.companyName ?? '') : options.personName,
    contact: { ...options.contact, email: order.customer?.email ?? '' },
  });
}
