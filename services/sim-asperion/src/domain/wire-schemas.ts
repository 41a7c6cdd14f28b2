import { z } from 'zod';

/**
 * Type-level parsing of request bodies (notes §1.5, §1.6). Everything is optional and nullable as
 * the Go client sends zero values; required fields and references are checked by the rules, so
 * each problem is reported on its own field. Unknown properties are ignored, as ASP.NET does.
 */
const text = z.string().nullish();
const int = z.number().int().nullish();
const decimal = z.number().nullish();
const flag = z.boolean().nullish();
const free = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? v : String(v)));

export const DebtorBodySchema = z.object({
  id: int,
  customerNumber: text,
  name: text,
  address: text,
  addressLine2: text,
  addressLine3: text,
  postCode: text,
  city: text,
  countryCode: text,
  attentionTo: text,
  emailAddress: text,
  phoneNumber: text,
  mobileNumber: text,
  faxNumber: text,
  vatNumber: text,
  cocNumber: text,
  iban: text,
  bic: text,
  bban: text,
  directDebit: flag,
  debtorKindId: text,
  paymentConditionId: int,
  paymentMethodId: text,
  comments: free,
  characteristic4: free,
  characteristic5: free,
  blocked: flag,
  noReminder: flag,
});

export const SalesInvoiceLineBodySchema = z.object({
  id: int,
  description: text,
  amount: decimal,
  ledgerAccountId: int,
  vatCode: text,
  vatAmount: decimal,
  costCenterId: int,
  costUnitId: int,
});

export const SalesInvoiceBodySchema = z.object({
  id: int,
  invoiceNumber: text,
  debtorCustomerNumber: text,
  date: text,
  bookyear: int,
  bookperiod: int,
  journalId: text,
  description: text,
  paymentConditionId: int,
  paymentDueDate: text,
  amountExclVat: decimal,
  amountInclVat: decimal,
  vatAmount: decimal,
  status: int,
  lines: z.object({ _data: z.array(SalesInvoiceLineBodySchema).nullish() }).nullish(),
});

/** Zod paths to the dotted wire names used in `errors` (`lines._data[0].amount`). */
export function toFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc === '' ? String(part) : `${acc}.${String(part)}`;
  }, '');
}
