/**
 * Builds the canonical orders of the acceptance set: one shop (home country, currency), one
 * customer (person or company, country, VAT number) and lines made with the order-model helpers,
 * so every line is internally consistent and money is exact bigint minor units.
 */
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AddressSchema,
  type CanonicalOrder,
  CanonicalOrderSchema,
  CustomerSchema,
  type OrderLine,
  PaymentStatus,
  type VatRounding,
} from '@koppel/contracts';
import { buildProductLine, computeTotals } from '@koppel/order-model';

export type CustomerInput = {
  email: string;
  firstName: string;
  lastName: string;
  /** Empty for a consumer (B2C). */
  companyName: string;
  /** The customer's VAT number as the shop sent it; empty for a consumer. */
  vatNumber: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  countryCode: string;
};

export type OrderInput = {
  orderNumber: string;
  currency: string;
  customer: CustomerInput;
  lines: OrderLine[];
  rounding: VatRounding;
};

export function buildOrder(input: OrderInput): CanonicalOrder {
  const { customer } = input;
  const address = create(AddressSchema, {
    firstName: customer.firstName,
    lastName: customer.lastName,
    companyName: customer.companyName,
    street: customer.street,
    houseNumber: customer.houseNumber,
    postcode: customer.postcode,
    city: customer.city,
    countryCode: customer.countryCode,
  });
  return create(CanonicalOrderSchema, {
    connectionId: 'acceptance',
    tenantId: 'acceptance',
    sourceSystem: 'shoprenter',
    externalId: `ext-${input.orderNumber}`,
    orderNumber: input.orderNumber,
    createdAt: timestampFromDate(new Date('2025-03-03T10:15:00Z')),
    currency: input.currency,
    paymentStatus: PaymentStatus.PAID,
    paymentMethodCode: 'BANK_TRANSFER',
    paymentMethodName: 'Bank transfer',
    shippingMethodCode: 'POST',
    shippingMethodName: 'Post',
    customer: create(CustomerSchema, {
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      companyName: customer.companyName,
      vatNumber: customer.vatNumber,
    }),
    billingAddress: address,
    shippingAddress: address,
    lines: input.lines,
    totals: computeTotals(input.lines, input.rounding),
    vatRounding: input.rounding,
  });
}

/**
 * A product line priced at the shop's precision (order-model exact prices): a gross unit price
 * and, for Shoprenter, the net to 4 decimals (5000 Ft at 5 % → 4761.9048 Ft). Each line total
 * is exact unit price × quantity rounded once; without an exact net (a gross-priced shop) the
 * net is the line's gross / (1 + rate), rounded once (README "Sub-cent unit prices").
 */
export function buildGrossPricedLine(input: {
  name: string;
  sku: string;
  quantity: number;
  currency: string;
  /** Decimal text in major units, as the shop gives it ("5000", "19.99"). */
  unitPriceGross: string;
  /** The shop's own 4-decimal net ("4761.9048"), when it states one. */
  unitPriceNet?: string;
  vatRateBp: number;
}): OrderLine {
  return buildProductLine({
    name: input.name,
    sku: input.sku,
    quantity: input.quantity,
    vatRateBp: input.vatRateBp,
    exact: { currency: input.currency, net: input.unitPriceNet, gross: input.unitPriceGross },
  });
}
