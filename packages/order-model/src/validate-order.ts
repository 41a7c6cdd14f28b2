/**
 * Checks a canonical order for what every target needs: identity, currency, a plausible
 * customer e-mail, at least one line, consistent lines and totals that add up under the
 * order's VAT rounding method. Returns every problem found, each naming its field path.
 */
import { type CanonicalOrder, LineKind, type OrderLine, VatRounding } from '@koppel/contracts';
import { isPlausibleEmail, normalizeEmail } from './email.js';
import { isKnownCurrency } from './money.js';
import { computeTotals } from './order-totals.js';
import { computeVat } from './vat.js';

export type OrderProblem = { path: string; message: string };

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function checkHeader(order: CanonicalOrder): OrderProblem[] {
  const problems: OrderProblem[] = [];
  if (order.externalId === '') problems.push({ path: 'external_id', message: 'missing' });
  if (order.sourceSystem === '') problems.push({ path: 'source_system', message: 'missing' });
  if (!isKnownCurrency(order.currency)) {
    problems.push({ path: 'currency', message: `unsupported currency "${order.currency}"` });
  }
  if (order.createdAt === undefined) problems.push({ path: 'created_at', message: 'missing' });
  const email = normalizeEmail(order.customer?.email ?? '');
  if (email === '') problems.push({ path: 'customer.email', message: 'missing' });
  else if (!isPlausibleEmail(email))
    problems.push({ path: 'customer.email', message: `"${email}" is not an e-mail` });
  return problems;
}

function checkLine(line: OrderLine, path: string): OrderProblem[] {
  const problems: OrderProblem[] = [];
  if (line.kind === LineKind.UNSPECIFIED) problems.push({ path: `${path}.kind`, message: 'unspecified' });
  if (line.quantity < 1) problems.push({ path: `${path}.quantity`, message: 'must be at least 1' });
  if (line.vatRateBp < 0 || line.vatRateBp > 10_000) {
    problems.push({ path: `${path}.vat_rate_bp`, message: 'outside 0..10000' });
    return problems;
  }
  if (line.totalNet !== line.unitPriceNet * BigInt(line.quantity)) {
    problems.push({ path: `${path}.total_net`, message: 'is not unit_price_net × quantity' });
  }
  if (line.totalGross !== line.totalNet + line.vatAmount) {
    problems.push({ path: `${path}.total_gross`, message: 'is not total_net + vat_amount' });
  }
  // One minor unit of slack: a line known by its gross keeps the gross and derives the VAT.
  if (abs(line.vatAmount - computeVat(line.totalNet, line.vatRateBp)) > 1n) {
    problems.push({ path: `${path}.vat_amount`, message: 'does not match total_net at vat_rate_bp' });
  }
  if (line.kind === LineKind.PRODUCT && line.sku === '' && line.name === '') {
    problems.push({ path: `${path}.sku`, message: 'a product line needs a SKU or a name' });
  }
  return problems;
}

function checkTotals(order: CanonicalOrder): OrderProblem[] {
  const rounding = order.vatRounding;
  if (rounding !== VatRounding.PER_LINE && rounding !== VatRounding.PER_RATE) {
    return [{ path: 'vat_rounding', message: 'must be PER_LINE or PER_RATE' }];
  }
  if (order.totals === undefined) return [{ path: 'totals', message: 'missing' }];
  const expected = computeTotals(order.lines, rounding);
  const problems: OrderProblem[] = [];
  for (const key of ['net', 'vat', 'gross'] as const) {
    if (order.totals[key] !== expected[key]) {
      problems.push({
        path: `totals.${key}`,
        message: `is ${order.totals[key]} but the lines add up to ${expected[key]}`,
      });
    }
  }
  return problems;
}

export function validateCanonicalOrder(order: CanonicalOrder): OrderProblem[] {
  const problems = checkHeader(order);
  if (order.lines.length === 0) problems.push({ path: 'lines', message: 'the order has no lines' });
  order.lines.forEach((line, index) => {
    problems.push(...checkLine(line, `lines[${index}]`));
  });
  problems.push(...checkTotals(order));
  return problems;
}
