import { randomBytes } from 'node:crypto';
import type { OrderInput } from '../soap/request-schemas.js';
import { ASSUMPTIONS } from './assumptions.js';
import { findArticle, vatPercentage } from './catalog.js';
import type { Order, OrderLine, SimulatorState } from './model.js';
import { priceLine } from './order-pricing.js';
import { fromWire } from './quantity.js';
import { reserveStock as reserveStockOf } from './stock.js';

export type CreateOrderOutcome =
  | { ok: true; order: Order }
  | { ok: false; reason: 'EXT-ORDER-ID-ALREADY-EXISTS' | 'FAILED'; errorMessage: string };

/**
 * `allowDuplicateExtOrderId`: the simulator's permissive mode (issue 8). Mplus refuses a second
 * order with the same extOrderId (notes §3.4); permissive mode lets a test of "booked once" fail.
 */
export type OrderRules = { allowDuplicateExtOrderId: boolean };

const fail = (errorMessage: string): CreateOrderOutcome => ({ ok: false, reason: 'FAILED', errorMessage });

/**
 * createOrder / queueBranchOrder (notes §3.4): unique extOrderId; employeeNumber mandatory and known
 * (APIcenter); entry branch must exist and a non-default one needs a workplace; relation required
 * and existing (MP-DEV); every line's article must exist; delivery method from getDeliveryMethods.
 */
export function createOrder(
  state: SimulatorState,
  input: OrderInput,
  via: Order['via'],
  now: Date,
  rules: OrderRules = { allowDuplicateExtOrderId: false },
): CreateOrderOutcome {
  if (
    !rules.allowDuplicateExtOrderId &&
    input.extOrderId &&
    state.orders.some((o) => o.extOrderId === input.extOrderId)
  ) {
    return {
      ok: false,
      reason: 'EXT-ORDER-ID-ALREADY-EXISTS',
      errorMessage: `Order with extOrderId ${input.extOrderId} already exists`,
    };
  }
  const validated = validateDocument(state, input);
  if (!validated.ok) return fail(validated.errorMessage);
  const { entryBranchNumber, financialBranchNumber, employeeNumber, relationNumber, vatMethod, priced } =
    validated;
  const lines: OrderLine[] = priced.map((line) => {
    state.counters.lineId += 1;
    return { lineId: String(state.counters.lineId), ...line };
  });
  const financialDate = input.financialDate ?? {
    day: now.getUTCDate(),
    mon: now.getUTCMonth() + 1,
    year: now.getUTCFullYear(),
  };
  const yearKey = String(financialDate.year);
  const number = (state.counters.orderNumbers[yearKey] ?? ASSUMPTIONS.firstOrderNumber - 1) + 1;
  state.counters.orderNumbers[yearKey] = number;
  const order: Order = {
    orderId: randomBytes(ASSUMPTIONS.orderIdHexDigits / 2)
      .toString('hex')
      .toUpperCase(),
    ...(input.extOrderId ? { extOrderId: input.extOrderId } : {}),
    orderNumber: { year: financialDate.year, number },
    orderType: input.orderType ?? ASSUMPTIONS.defaultOrderType,
    entryBranchNumber,
    financialBranchNumber,
    ...(input.workplaceNumber !== undefined ? { workplaceNumber: input.workplaceNumber } : {}),
    employeeNumber,
    relationNumber,
    ...(input.reference !== undefined ? { reference: input.reference } : {}),
    financialDate,
    entryTimestamp: now.toISOString(),
    ...(input.deliveryDate ? { deliveryDate: input.deliveryDate } : {}),
    ...(input.deliveryAddress ? { deliveryAddress: input.deliveryAddress } : {}),
    ...(input.invoiceAddress ? { invoiceAddress: input.invoiceAddress } : {}),
    vatMethod,
    totalInclAmount: lines.reduce((s, l) => s + l.lineTotalIncl, 0),
    totalExclAmount: lines.reduce((s, l) => s + l.lineTotalExcl, 0),
    ...(input.deliveryMethod ? { deliveryMethod: input.deliveryMethod } : {}),
    ...(input.paymentMethod ? { paymentMethod: input.paymentMethod } : {}),
    lines,
    queued: via === 'queueBranchOrder',
    via,
  };
  if (ASSUMPTIONS.ordersReserveStock) reserveStock(state, order, now);
  // Orders share the tenant's sync marker counter with relations and products (getOrders, notes §3.4).
  state.counters.syncMarker += 1;
  order.syncMarker = state.counters.syncMarker;
  state.orders.push(order);
  return { ok: true, order };
}

function reserveStock(state: SimulatorState, order: Order, now: Date): void {
  for (const line of order.lines) {
    const found = findArticle(state, line.articleNumber);
    if (!found?.article.stockArticle) continue;
    const quantity = Number(fromWire(line.quantity, line.decimalPlaces));
    reserveStockOf(state, order.entryBranchNumber, line.articleNumber, quantity, order.orderId, now);
  }
}

export function orderString(order: Order): string {
  return `${order.orderNumber.year}-${order.orderNumber.number}`;
}

export type ValidatedDocument =
  | { ok: false; errorMessage: string }
  | {
      ok: true;
      entryBranchNumber: number;
      financialBranchNumber: number;
      employeeNumber: number;
      relationNumber: number;
      vatMethod: NonNullable<OrderInput['vatMethod']>;
      priced: Omit<OrderLine, 'lineId'>[];
    };

const failed = (errorMessage: string): ValidatedDocument => ({ ok: false, errorMessage });

/**
 * The business rules an order and an invoice share (notes §3.4): employee, branch and workplace,
 * relation, delivery method, articles and VAT codes; every line priced. Touches no counter, so a
 * refused document leaves no trace.
 */
export function validateDocument(state: SimulatorState, input: OrderInput): ValidatedDocument {
  if (!input.employeeNumber) return failed('employeeNumber is required');
  if (!state.employees.some((e) => e.employeeNumber === input.employeeNumber))
    return failed(`Employee ${input.employeeNumber} does not exist`);
  const entryBranchNumber = input.entryBranchNumber ?? ASSUMPTIONS.defaultBranchNumber;
  const branch = state.branches.find((b) => b.branchNumber === entryBranchNumber);
  if (!branch) return failed(`Branch ${entryBranchNumber} does not exist`);
  if (entryBranchNumber !== ASSUMPTIONS.defaultBranchNumber && input.workplaceNumber === undefined) {
    return failed(
      `workplaceNumber is required when entryBranchNumber ${entryBranchNumber} is not the default branch`,
    );
  }
  if (input.workplaceNumber !== undefined && !branch.workplaces.includes(input.workplaceNumber)) {
    return failed(`Workplace ${input.workplaceNumber} does not exist in branch ${entryBranchNumber}`);
  }
  const financialBranchNumber = input.financialBranchNumber ?? entryBranchNumber;
  if (!state.branches.some((b) => b.branchNumber === financialBranchNumber))
    return failed(`Branch ${financialBranchNumber} does not exist`);
  if (!input.relationNumber) return failed('relationNumber is required: an order always needs a relation');
  if (!state.relations.some((r) => r.relationNumber === input.relationNumber))
    return failed(`Relation ${input.relationNumber} does not exist`);
  if (input.deliveryMethod && !state.deliveryMethods.some((m) => m.code === input.deliveryMethod))
    return failed(`Delivery method ${input.deliveryMethod} does not exist`);
  if (input.lineList.length === 0) return failed('An order needs at least one line');
  const vatMethod = input.vatMethod ?? 'VAT-METHOD-INCLUSIVE';
  // Validate and price every line before touching any counter, so a refused order leaves no trace.
  const priced: Omit<OrderLine, 'lineId'>[] = [];
  for (const [i, line] of input.lineList.entries()) {
    const found = findArticle(state, line.articleNumber);
    if (!found) return failed(`Line ${i + 1}: article ${line.articleNumber} does not exist`);
    const vatCode = line.data.vatCode ?? found.article.vatCode;
    const pct = vatPercentage(state, financialBranchNumber, vatCode);
    if (pct === undefined)
      return failed(`Line ${i + 1}: vatCode ${vatCode} does not exist for branch ${financialBranchNumber}`);
    if (line.data.quantity === 0) return failed(`Line ${i + 1}: quantity cannot be 0`);
    // LineData.discountPercentage is a plain xsd:int (MP-WSDL); past 100 the line turns negative.
    const discountPct = line.data.discountPercentage;
    if (discountPct !== undefined && (discountPct < 0 || discountPct > 100))
      return failed(`Line ${i + 1}: discountPercentage ${discountPct} must be between 0 and 100`);
    priced.push({
      employeeNumber: line.employeeNumber ?? input.employeeNumber,
      articleNumber: line.articleNumber,
      ...(line.pluNumber ? { pluNumber: line.pluNumber } : {}),
      text: line.text ?? found.article.description,
      quantity: line.data.quantity,
      decimalPlaces: line.data.decimalPlaces ?? 0,
      vatCode,
      vatPercentage: pct,
      ...priceLine(line, found.article, pct, vatMethod),
      sequenceNumber: line.sequenceNumber ?? i + 1,
      ...(line.data.discountPercentage ? { discountPercentage: line.data.discountPercentage } : {}),
      ...(line.data.discountAmount ? { discountAmount: line.data.discountAmount } : {}),
      ...(line.data.discountAmountExcl ? { discountAmountExcl: line.data.discountAmountExcl } : {}),
      ...(line.data.turnoverGroupCostCenter !== undefined
        ? { turnoverGroupCostCenter: line.data.turnoverGroupCostCenter }
        : {}),
    });
  }
  return {
    ok: true,
    entryBranchNumber,
    financialBranchNumber,
    employeeNumber: input.employeeNumber,
    relationNumber: input.relationNumber,
    vatMethod,
    priced,
  };
}
