import { toWireDate } from '../domain/dates.js';
import type {
  Article,
  Debtor,
  LedgerAccount,
  SalesInvoice,
  SalesInvoiceLine,
  VatCode,
} from '../domain/model.js';
import { fromCents } from '../domain/money.js';

/** Internal records to wire JSON (camelCase as in ASP-GO `types.go`; cents become decimals). */
const meta = (self: string) => ({ _meta: { self } });

export function debtorToWire(debtor: Debtor, base: string) {
  return { ...debtor, ...meta(`${base}/v1/debtors/${debtor.id}`) };
}

function lineToWire(line: SalesInvoiceLine) {
  const { amountCents, vatAmountCents, ...rest } = line;
  return { ...rest, amount: fromCents(amountCents), vatAmount: fromCents(vatAmountCents) };
}

export function salesInvoiceToWire(invoice: SalesInvoice, base: string, withLines: boolean) {
  const { amountExclVatCents, amountInclVatCents, vatAmountCents, lines, date, paymentDueDate, ...rest } =
    invoice;
  const path = withLines ? 'salesinvoiceswithlines' : 'salesinvoices';
  return {
    ...rest,
    date: toWireDate(date),
    paymentDueDate: toWireDate(paymentDueDate),
    amountExclVat: fromCents(amountExclVatCents),
    amountInclVat: fromCents(amountInclVatCents),
    vatAmount: fromCents(vatAmountCents),
    ...(withLines ? { lines: { _data: lines.map(lineToWire), _meta: { totalCount: lines.length } } } : {}),
    ...meta(`${base}/v1/${path}/${invoice.id}`),
  };
}

export function vatCodeToWire(code: VatCode, base: string) {
  return {
    ...code,
    validFrom: code.validFrom === null ? null : toWireDate(code.validFrom),
    validUntil: code.validUntil === null ? null : toWireDate(code.validUntil),
    ...meta(`${base}/v1/vatcodes/${encodeURIComponent(code.id)}`),
  };
}

export function ledgerAccountToWire(account: LedgerAccount, base: string) {
  return { ...account, ...meta(`${base}/v1/ledgeraccounts/${account.id}`) };
}

export function articleToWire(article: Article, base: string) {
  const { salesPriceCents, ...rest } = article;
  return {
    ...rest,
    salesPrice: fromCents(salesPriceCents),
    availableStock: article.currentStock - article.reservedStock,
    ...meta(`${base}/v1/articles/${article.id}`),
  };
}
