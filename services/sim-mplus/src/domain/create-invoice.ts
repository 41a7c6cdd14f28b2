import { randomBytes } from 'node:crypto';
import type { InvoiceInput } from '../soap/request-schemas.js';
import { ASSUMPTIONS } from './assumptions.js';
import { validateDocument } from './create-order.js';
import type { Invoice, OrderLine, SimulatorState } from './model.js';

export type SaveInvoiceOutcome =
  | { ok: true; invoice: Invoice }
  | { ok: false; reason: 'EXT-INVOICE-ID-ALREADY-EXISTS' | 'NOT-FOUND' | 'FAILED'; errorMessage: string };

/**
 * saveInvoice of a new invoice (notes §3.4, WSDL `SaveInvoiceResult`): a unique extInvoiceId
 * (`SAVE-INVOICE-RESULT-EXT-INVOICE-ID-ALREADY-EXISTS`, unless permissive), the order's business
 * rules for employee, branch, relation, articles and VAT codes, numbered per financial year.
 * Changing an existing invoice (an `invoiceId` sent) is not simulated.
 */
export function saveInvoice(
  state: SimulatorState,
  input: InvoiceInput,
  now: Date,
  rules: { allowDuplicateExtInvoiceId: boolean } = { allowDuplicateExtInvoiceId: false },
): SaveInvoiceOutcome {
  const invoices = state.invoices ?? [];
  if (input.invoiceId) {
    return invoices.some((i) => i.invoiceId === input.invoiceId)
      ? { ok: false, reason: 'FAILED', errorMessage: 'Changing an existing invoice is not simulated' }
      : { ok: false, reason: 'NOT-FOUND', errorMessage: `Invoice ${input.invoiceId} does not exist` };
  }
  if (
    !rules.allowDuplicateExtInvoiceId &&
    input.extInvoiceId &&
    invoices.some((i) => i.extInvoiceId === input.extInvoiceId)
  ) {
    return {
      ok: false,
      reason: 'EXT-INVOICE-ID-ALREADY-EXISTS',
      errorMessage: `Invoice with extInvoiceId ${input.extInvoiceId} already exists`,
    };
  }
  const validated = validateDocument(state, input);
  if (!validated.ok) return { ok: false, reason: 'FAILED', errorMessage: validated.errorMessage };
  const lines: OrderLine[] = validated.priced.map((line) => {
    state.counters.lineId += 1;
    return { lineId: String(state.counters.lineId), ...line };
  });
  const financialDate = input.financialDate ?? {
    day: now.getUTCDate(),
    mon: now.getUTCMonth() + 1,
    year: now.getUTCFullYear(),
  };
  const numbers = state.counters.invoiceNumbers ?? {};
  const number = (numbers[String(financialDate.year)] ?? 0) + 1;
  state.counters.invoiceNumbers = { ...numbers, [String(financialDate.year)]: number };
  const invoice: Invoice = {
    invoiceId: randomBytes(ASSUMPTIONS.orderIdHexDigits / 2)
      .toString('hex')
      .toUpperCase(),
    ...(input.extInvoiceId ? { extInvoiceId: input.extInvoiceId } : {}),
    invoiceNumber: { year: financialDate.year, number },
    entryBranchNumber: validated.entryBranchNumber,
    financialBranchNumber: validated.financialBranchNumber,
    ...(input.workplaceNumber !== undefined ? { workplaceNumber: input.workplaceNumber } : {}),
    employeeNumber: validated.employeeNumber,
    relationNumber: validated.relationNumber,
    ...(input.reference !== undefined ? { reference: input.reference } : {}),
    financialDate,
    entryTimestamp: now.toISOString(),
    ...(input.deliveryAddress ? { deliveryAddress: input.deliveryAddress } : {}),
    ...(input.invoiceAddress ? { invoiceAddress: input.invoiceAddress } : {}),
    vatMethod: validated.vatMethod,
    totalInclAmount: lines.reduce((s, l) => s + l.lineTotalIncl, 0),
    totalExclAmount: lines.reduce((s, l) => s + l.lineTotalExcl, 0),
    ...(input.deliveryMethod ? { deliveryMethod: input.deliveryMethod } : {}),
    lines,
    finalized: input.finalized ?? false,
  };
  state.invoices = [...invoices, invoice];
  return { ok: true, invoice };
}

export function invoiceString(invoice: Invoice): string {
  return `${invoice.invoiceNumber.year}-${invoice.invoiceNumber.number}`;
}
