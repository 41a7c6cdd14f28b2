/**
 * The JSON body of `POST /v1/salesinvoiceswithlines`. Asperion takes amounts as JSON numbers
 * (README.md), so minor units are formatted as exact decimal text and turned into a number
 * only here: a number parsed from at most 2 decimals serialises back to the same text.
 */
import { toDecimalNumber } from '@koppel/order-model';
import type { SalesInvoiceDraft } from './map-invoice.js';

const CURRENCY = 'EUR';

/** The body less `debtorCustomerNumber`, added by `createDocument` once the debtor is known. */
export type SalesInvoiceBody = {
  invoiceNumber: string;
  date: string;
  bookyear: number;
  bookperiod: number;
  journalId: string;
  description: string;
  paymentConditionId?: number;
  status: number;
  amountExclVat: number;
  amountInclVat: number;
  vatAmount: number;
  lines: {
    _data: {
      description: string;
      amount: number;
      ledgerAccountId: number;
      vatCode: string;
      vatAmount: number;
    }[];
  };
};

export function toSalesInvoiceBody(draft: SalesInvoiceDraft): SalesInvoiceBody {
  return {
    invoiceNumber: draft.invoiceNumber,
    date: draft.date,
    bookyear: draft.bookyear,
    bookperiod: draft.bookperiod,
    journalId: draft.journalId,
    description: draft.description,
    ...(draft.paymentConditionId !== undefined ? { paymentConditionId: draft.paymentConditionId } : {}),
    status: draft.status,
    amountExclVat: toDecimalNumber(draft.amountExclVat, CURRENCY),
    amountInclVat: toDecimalNumber(draft.amountInclVat, CURRENCY),
    vatAmount: toDecimalNumber(draft.vatAmount, CURRENCY),
    lines: {
      _data: draft.lines.map((line) => ({
        description: line.description,
        amount: toDecimalNumber(line.amount, CURRENCY),
        ledgerAccountId: line.ledgerAccountId,
        vatCode: line.vatCode,
        vatAmount: toDecimalNumber(line.vatAmount, CURRENCY),
      })),
    },
  };
}
