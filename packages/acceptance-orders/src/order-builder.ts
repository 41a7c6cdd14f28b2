/**
 * Builds the canonical orders of the acceptance set: one shop (home country, currency), one
 * customer (person or company, country, VAT number) and lines made with the order-model helpers,
 * so every line is internally consistent and money is exact bigint minor units.
 */
import { type CanonicalOrder, type OrderLine, PaymentStatus, type VatRounding } from '@koppel/contracts';
import { buildProductLine } from '@koppel/order-model';
import { buildTestOrder } from './test-order-builder.js';

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
  return buildTestOrder({
    connectionId: 'acceptance',
    tenantId: 'acceptance',
    orderNumber: input.orderNumber,
    createdAt: new Date('2025-03-03T10:15:00Z'),
    currency: input.currency,
    customer: input.customer,
    lines: input.lines,
    rounding: input.rounding,
    extra: {
      paymentStatus: PaymentStatus.PAID,
      paymentMethodCode: 'BANK_TRANSFER',
      paymentMethodName: 'Bank transfer',
      shippingMethodCode: 'POST',
      shippingMethodName: 'Post',
    },
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
