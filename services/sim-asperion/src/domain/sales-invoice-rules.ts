import { ASSUMPTIONS } from './assumptions.js';
import { addDays, parseWireDate } from './dates.js';
import { fail, type Issue, ok, type Result } from './issues.js';
import { invoicesNumbered } from './invoice-index.js';
import type { AdministrationData, SalesInvoice } from './model.js';
import { centsInRange, fromCents, MAX_AMOUNT_TEXT, parseAmount } from './money.js';
import { amountIssue, buildLines, type SalesInvoiceLineInput } from './sales-invoice-lines.js';

/** A SalesInvoice as posted (notes §1.6), after type parsing; money still decimal numbers. */
export type SalesInvoiceInput = {
  id?: number | null | undefined;
  invoiceNumber?: string | null | undefined;
  debtorCustomerNumber?: string | null | undefined;
  date?: string | null | undefined;
  bookyear?: number | null | undefined;
  bookperiod?: number | null | undefined;
  journalId?: string | null | undefined;
  description?: string | null | undefined;
  paymentConditionId?: number | null | undefined;
  paymentDueDate?: string | null | undefined;
  amountExclVat?: number | null | undefined;
  amountInclVat?: number | null | undefined;
  vatAmount?: number | null | undefined;
  status?: number | null | undefined;
  lines?: { _data?: SalesInvoiceLineInput[] | null | undefined } | null | undefined;
};

const LIMITS = ASSUMPTIONS.invoiceMaxLengths;

/**
 * `allowDuplicateNumber`: the simulator's permissive mode (issue 8). Asperion refuses a second
 * invoice with the same number (README "Invoice number"); other targets do not, so a test of
 * "booked once" must be able to switch the refusal off.
 */
export type InvoiceNumberRules = { allowDuplicateNumber: boolean };
const VENDOR_RULES: InvoiceNumberRules = { allowDuplicateNumber: false };

/** Checks one header total against the sum of the lines; `given` is a decimal from the wire. */
function checkTotal(
  issues: Issue[],
  field: string,
  given: number | null | undefined,
  expectedCents: number,
  toleranceCents: number,
): void {
  if (given === null || given === undefined) return;
  const parsed = parseAmount(given);
  if (!parsed.ok && parsed.key === 'outOfRange') {
    issues.push(amountIssue(field, field, parsed.key));
    return;
  }
  const givenCents = Math.round(given * 100);
  if (Math.abs(givenCents - expectedCents) > toleranceCents) {
    issues.push({
      field,
      key: 'totalMismatch',
      params: { given, expected: fromCents(expectedCents).toFixed(2) },
    });
  }
}

export function buildSalesInvoice(
  input: SalesInvoiceInput,
  data: AdministrationData,
  nowIso: string,
  rules: InvoiceNumberRules = VENDOR_RULES,
): Result<SalesInvoice> {
  const issues: Issue[] = [];
  if (input.id) issues.push({ field: 'id', key: 'mustNotBeSet' });
  const invoiceNumber = (input.invoiceNumber ?? '').trim();
  if (invoiceNumber.length > LIMITS.invoiceNumber)
    issues.push({ field: 'invoiceNumber', key: 'tooLong', params: { max: LIMITS.invoiceNumber } });
  if (
    !rules.allowDuplicateNumber &&
    invoiceNumber !== '' &&
    invoicesNumbered(data.salesInvoices, invoiceNumber).length > 0
  ) {
    issues.push({ field: 'invoiceNumber', key: 'duplicateInvoiceNumber', params: { value: invoiceNumber } });
  }
  const customerNumber = (input.debtorCustomerNumber ?? '').trim();
  const debtor = data.debtors.find((d) => d.customerNumber.toLowerCase() === customerNumber.toLowerCase());
  if (customerNumber === '')
    issues.push({
      field: 'debtorCustomerNumber',
      key: 'required',
      params: { field: 'debtorCustomerNumber' },
    });
  else if (!debtor)
    issues.push({ field: 'debtorCustomerNumber', key: 'unknownDebtor', params: { value: customerNumber } });
  const date = input.date ? parseWireDate(input.date) : undefined;
  if (!input.date) issues.push({ field: 'date', key: 'required', params: { field: 'date' } });
  else if (!date) issues.push({ field: 'date', key: 'invalidDate' });
  const journalId = (input.journalId ?? '').trim();
  const journal =
    journalId === ''
      ? data.journals.find((j) => j.type === 'Sales')
      : data.journals.find((j) => j.id.toLowerCase() === journalId.toLowerCase());
  if (!journal) issues.push({ field: 'journalId', key: 'unknownJournal', params: { value: journalId } });
  else if (journal.type !== 'Sales')
    issues.push({ field: 'journalId', key: 'notSalesJournal', params: { value: journal.id } });
  const paymentConditionId = input.paymentConditionId || debtor?.paymentConditionId || null;
  const condition = data.paymentConditions.find((p) => p.id === paymentConditionId);
  if (paymentConditionId !== null && !condition)
    issues.push({
      field: 'paymentConditionId',
      key: 'unknownPaymentCondition',
      params: { value: paymentConditionId },
    });
  const dueDate = input.paymentDueDate ? parseWireDate(input.paymentDueDate) : undefined;
  if (input.paymentDueDate && !dueDate) issues.push({ field: 'paymentDueDate', key: 'invalidDate' });
  if (input.bookperiod && (input.bookperiod < 1 || input.bookperiod > 12))
    issues.push({ field: 'bookperiod', key: 'invalidPeriod' });
  if (input.bookyear && (input.bookyear < 1900 || input.bookyear > 2999))
    issues.push({ field: 'bookyear', key: 'invalidValue' });
  const status = input.status || ASSUMPTIONS.defaultInvoiceStatus;
  if (!ASSUMPTIONS.creatableInvoiceStatuses.includes(status))
    issues.push({ field: 'status', key: 'invalidStatus', params: { value: status } });
  const description = (input.description ?? '').trim();
  if (description.length > LIMITS.description)
    issues.push({ field: 'description', key: 'tooLong', params: { max: LIMITS.description } });
  const lines = buildLines(input.lines?._data ?? [], data, date, issues);
  const exclCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const lineVatCents = lines.reduce((sum, l) => sum + l.vatAmountCents, 0);
  const vatTolerance = ASSUMPTIONS.headerVatToleranceCentsPerLine * Math.max(1, lines.length);
  checkTotal(issues, 'amountExclVat', input.amountExclVat, exclCents, 0);
  checkTotal(issues, 'vatAmount', input.vatAmount, lineVatCents, vatTolerance);
  const vatCents =
    input.vatAmount === null || input.vatAmount === undefined
      ? lineVatCents
      : Math.round(input.vatAmount * 100);
  checkTotal(issues, 'amountInclVat', input.amountInclVat, exclCents + vatCents, 0);
  // Lines each within range can still add up past it: refuse rather than answer inexact totals.
  for (const [field, cents] of [
    ['amountExclVat', exclCents],
    ['vatAmount', vatCents],
    ['amountInclVat', exclCents + vatCents],
  ] as const) {
    if (!centsInRange(cents) && !issues.some((i) => i.field === field))
      issues.push({ field, key: 'outOfRange', params: { field, max: MAX_AMOUNT_TEXT } });
  }
  if (issues.length > 0 || !date || !journal) return fail(issues);
  return ok({
    id: 0,
    invoiceNumber,
    debtorCustomerNumber: debtor?.customerNumber ?? customerNumber,
    date,
    bookyear: input.bookyear || Number(date.slice(0, 4)),
    bookperiod: input.bookperiod || Number(date.slice(5, 7)),
    journalId: journal.id,
    description,
    paymentConditionId,
    paymentDueDate: dueDate ?? addDays(date, condition?.days ?? ASSUMPTIONS.defaultPaymentTermDays),
    amountExclVatCents: exclCents,
    vatAmountCents: vatCents,
    amountInclVatCents: exclCents + vatCents,
    status,
    lines,
    dateAdded: nowIso,
  });
}
