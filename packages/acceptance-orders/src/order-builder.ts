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
  LineKind,
  type OrderLine,
  OrderLineSchema,
  PaymentStatus,
  type VatRounding,
} from '@koppel/contracts';
import { computeTotals, netFromGross } from '@koppel/order-model';

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
 * A product line as Shoprenter prices it: a gross unit price, the net known to 4 decimals
 * (5000 Ft at 5 % → 4761.9048 Ft). The canonical line cannot carry a unit price finer than one
 * minor unit (`unit_price_net` is int64 minor units), so the line keeps the shop's exact line
 * totals (net = line gross / (1 + rate), rounded once) and an informational unit net rounded to
 * the minor unit; `total_net` is then not `unit_price_net × quantity` for quantities above 1
 * (README "Sub-cent unit prices").
 */
export function buildGrossPricedLine(input: {
  name: string;
  sku: string;
  quantity: number;
  unitPriceGross: bigint;
  vatRateBp: number;
}): OrderLine {
  const totalGross = input.unitPriceGross * BigInt(input.quantity);
  const totalNet = netFromGross(totalGross, input.vatRateBp);
  return create(OrderLineSchema, {
    kind: LineKind.PRODUCT,
    name: input.name,
    sku: input.sku,
    quantity: input.quantity,
    unitPriceNet: netFromGross(input.unitPriceGross, input.vatRateBp),
    unitPriceGross: input.unitPriceGross,
    vatRateBp: input.vatRateBp,
    totalNet,
    vatAmount: totalGross - totalNet,
    totalGross,
  });
}
