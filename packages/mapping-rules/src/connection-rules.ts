import { type CanonicalOrder, OrderStatus, PaymentStatus } from '@koppel/contracts';
import { z } from 'zod';
import { fieldRulesSchema } from './field-rule-schema.js';

/**
 * A connection's mapping rules: which orders go on (status filter, e.g. "only paid"), value
 * maps that translate source codes into the target's (payment and shipping methods), and
 * extras that fill in data the source lacks (an employee number, a store id), and field rules
 * (`target ← JSONata expression`, see apply-field-rules.ts) run after them.
 */
export const connectionRulesSchema = z.object({
  statusFilter: z
    .object({
      /** Canonical statuses (PENDING, PROCESSING, COMPLETED...) or the source's own status codes. */
      allowedStatuses: z.array(z.string()).optional(),
      /** Canonical payment statuses, e.g. ["PAID"] for "only paid orders". */
      allowedPaymentStatuses: z.array(z.string()).optional(),
    })
    .default({}),
  valueMaps: z
    .object({
      paymentMethodCode: z.record(z.string(), z.string()).optional(),
      shippingMethodName: z.record(z.string(), z.string()).optional(),
    })
    .default({}),
  extras: z.record(z.string(), z.string()).default({}),
  fieldRules: fieldRulesSchema.default([]),
});

export type ConnectionRules = z.infer<typeof connectionRulesSchema>;

export type RuleOutcome = { kind: 'pass'; order: CanonicalOrder } | { kind: 'skip'; reason: string };

/**
 * The value a map gives for one of the order's, else the order's own. Only the map's own keys
 * count: a payment method a shop calls `constructor` or `toString` must not find
 * Object.prototype's function and send that on as the code.
 */
function mappedValue(map: Record<string, string> | undefined, value: string): string {
  return map !== undefined && Object.hasOwn(map, value) ? (map[value] ?? value) : value;
}

/** Pure: decides whether the order goes on and returns it with value maps and extras applied (no field rules). */
export function applyConnectionRules(order: CanonicalOrder, rules: ConnectionRules): RuleOutcome {
  const statusName = OrderStatus[order.status] ?? 'UNSPECIFIED';
  const paymentName = PaymentStatus[order.paymentStatus] ?? 'UNSPECIFIED';
  const { allowedStatuses, allowedPaymentStatuses } = rules.statusFilter;
  if (allowedStatuses && !allowedStatuses.some((s) => s === statusName || s === order.sourceStatusCode)) {
    return {
      kind: 'skip',
      reason: `status ${statusName} (source "${order.sourceStatusCode}" ${order.sourceStatusText}) is not in the allowed statuses ${allowedStatuses.join(', ')}`,
    };
  }
  if (allowedPaymentStatuses && !allowedPaymentStatuses.includes(paymentName)) {
    return {
      kind: 'skip',
      reason: `payment status ${paymentName} is not in the allowed payment statuses ${allowedPaymentStatuses.join(', ')}`,
    };
  }
  const mapped: CanonicalOrder = {
    ...order,
    paymentMethodCode: mappedValue(rules.valueMaps.paymentMethodCode, order.paymentMethodCode),
    shippingMethodName: mappedValue(rules.valueMaps.shippingMethodName, order.shippingMethodName),
    extras: { ...rules.extras, ...order.extras },
  };
  return { kind: 'pass', order: mapped };
}
