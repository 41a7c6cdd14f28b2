import { ASSUMPTIONS } from './assumptions.js';
import type { Issue } from './issues.js';
import type { MessageKey } from './messages.js';
import type { AdministrationData, SalesInvoiceLine, VatCode } from './model.js';
import { fromCents, MAX_AMOUNT_TEXT, parseAmount, vatCents, vatDeviationCents } from './money.js';

/** A financial invoice line (notes §1.6): no quantity or article, amounts excl. VAT [I]. */
export type SalesInvoiceLineInput = {
  id?: number | null | undefined;
  description?: string | null | undefined;
  amount?: number | null | undefined;
  ledgerAccountId?: number | null | undefined;
  vatCode?: string | null | undefined;
  vatAmount?: number | null | undefined;
  costCenterId?: number | null | undefined;
  costUnitId?: number | null | undefined;
};

function isValidOn(code: VatCode, date: string | undefined): boolean {
  if (date === undefined) return true;
  return (
    (code.validFrom === null || code.validFrom <= date) &&
    (code.validUntil === null || code.validUntil >= date)
  );
}

/** The issue for an amount that is out of range or has too many decimals, naming the field. */
export function amountIssue(field: string, name: string, key: MessageKey): Issue {
  return key === 'outOfRange'
    ? { field, key, params: { field: name, max: MAX_AMOUNT_TEXT } }
    : { field, key };
}

/** Validates every line, pushing issues named `lines._data[i].<field>`; returns the lines it could build. */
export function buildLines(
  inputs: SalesInvoiceLineInput[],
  data: AdministrationData,
  date: string | undefined,
  issues: Issue[],
): SalesInvoiceLine[] {
  if (inputs.length === 0) issues.push({ field: 'lines', key: 'noLines' });
  const lines: SalesInvoiceLine[] = [];
  inputs.forEach((input, index) => {
    const at = (field: string) => `lines._data[${index}].${field}`;
    const before = issues.length;
    const description = (input.description ?? '').trim();
    if (description.length > ASSUMPTIONS.invoiceMaxLengths.lineDescription) {
      issues.push({
        field: at('description'),
        key: 'tooLong',
        params: { max: ASSUMPTIONS.invoiceMaxLengths.lineDescription },
      });
    }
    const amount =
      input.amount === null || input.amount === undefined ? undefined : parseAmount(input.amount);
    const amountCents = amount?.ok ? amount.cents : undefined;
    if (!amount) issues.push({ field: at('amount'), key: 'required', params: { field: 'amount' } });
    else if (!amount.ok) issues.push(amountIssue(at('amount'), 'amount', amount.key));
    const ledger = data.ledgerAccounts.find((l) => l.id === input.ledgerAccountId);
    if (!input.ledgerAccountId)
      issues.push({ field: at('ledgerAccountId'), key: 'required', params: { field: 'ledgerAccountId' } });
    else if (!ledger)
      issues.push({
        field: at('ledgerAccountId'),
        key: 'unknownLedgerAccount',
        params: { value: input.ledgerAccountId },
      });
    else if (ledger.disabled)
      issues.push({
        field: at('ledgerAccountId'),
        key: 'disabledLedgerAccount',
        params: { value: ledger.id },
      });
    const codeId = (input.vatCode ?? '').trim();
    const code = data.vatCodes.find((v) => v.id.toLowerCase() === codeId.toLowerCase());
    if (codeId === '') issues.push({ field: at('vatCode'), key: 'required', params: { field: 'vatCode' } });
    else if (!code) issues.push({ field: at('vatCode'), key: 'unknownVatCode', params: { value: codeId } });
    else if (!code.salesCode)
      issues.push({ field: at('vatCode'), key: 'notSalesVatCode', params: { value: code.id } });
    else if (!isValidOn(code, date))
      issues.push({
        field: at('vatCode'),
        key: 'vatCodeNotValidOnDate',
        params: { value: code.id, date: date ?? '' },
      });
    let vatAmountCents: number | undefined;
    if (input.vatAmount !== null && input.vatAmount !== undefined) {
      const vat = parseAmount(input.vatAmount);
      vatAmountCents = vat.ok ? vat.cents : undefined;
      if (!vat.ok) issues.push(amountIssue(at('vatAmount'), 'vatAmount', vat.key));
      else if (
        code &&
        amountCents !== undefined &&
        vatDeviationCents(amountCents, code.percentage, vat.cents) > ASSUMPTIONS.lineVatToleranceCents
      ) {
        issues.push({
          field: at('vatAmount'),
          key: 'vatAmountMismatch',
          params: {
            given: input.vatAmount,
            percentage: code.percentage,
            amount: input.amount ?? 0,
            expected: fromCents(vatCents(amountCents, code.percentage)).toFixed(2),
          },
        });
      }
    }
    if (issues.length > before || amountCents === undefined || !ledger || !code) return;
    lines.push({
      id: 0,
      description,
      amountCents,
      ledgerAccountId: ledger.id,
      vatCode: code.id,
      vatAmountCents: vatAmountCents ?? vatCents(amountCents, code.percentage),
      costCenterId: input.costCenterId || null,
      costUnitId: input.costUnitId || null,
    });
  });
  return lines;
}
