import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  type CanonicalOrder,
  CanonicalOrderSchema,
  OrderStatus,
  PaymentStatus,
  VatRounding,
} from '@koppel/contracts';
import { buildProductLine, buildShippingLine, computeTotals } from '@koppel/order-model';
import { compileFieldRules, type CompiledFieldRule, type FieldRule } from '../../src/index.js';

/** A valid canonical order: two product lines and shipping, 21 % VAT, EUR. */
export function canonicalOrder(): CanonicalOrder {
  const lines = [
    buildProductLine({ name: 'Mok', sku: 'mug-1', quantity: 2, unitPriceNet: 1000n, vatRateBp: 2100 }),
    buildProductLine({ name: 'Thee', sku: 'tea-1', quantity: 1, unitPriceNet: 500n, vatRateBp: 900 }),
    buildShippingLine({ name: 'PostNL', unitPriceNet: 413n, vatRateBp: 2100 }),
  ];
  return create(CanonicalOrderSchema, {
    connectionId: 'conn-1',
    tenantId: 'tenant-1',
    sourceSystem: 'shoprenter',
    externalId: '1001',
    orderNumber: '1001',
    status: OrderStatus.PROCESSING,
    paymentStatus: PaymentStatus.PAID,
    createdAt: timestampFromDate(new Date('2025-03-01T10:15:00Z')),
    currency: 'EUR',
    customer: {
      email: 'anna@example.nl',
      firstName: 'Anna',
      lastName: 'de Vries',
      companyName: 'de vries thee',
    },
    billingAddress: {
      street: 'Kerkstraat',
      houseNumber: '12',
      postcode: '3511 AB',
      city: 'Utrecht',
      countryCode: 'NL',
    },
    lines,
    totals: computeTotals(lines, VatRounding.PER_LINE),
    vatRounding: VatRounding.PER_LINE,
    shippingMethodName: 'PostNL',
    paymentMethodCode: 'ideal',
  });
}

/** Compiles rules that must compile. */
export function compiled(rules: FieldRule[]): CompiledFieldRule[] {
  const result = compileFieldRules(rules);
  if (!result.ok) throw new Error(`rules do not compile: ${JSON.stringify(result.issues)}`);
  return result.rules;
}
