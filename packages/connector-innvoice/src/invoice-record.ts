/**
 * The `<invoice>` record of `POST /{company}/invoice` as ordered field → text pairs (README
 * "Vendor facts"): header, buyer, flags, then the lines flattened with numeric suffixes
 * (`TetelNev1`, `TetelNev2`…; a single line without suffix, as the reference client sends it).
 * `client.ts` turns it into XML with fast-xml-parser, every value in CDATA.
 */
import { currencyName } from './document-money.js';
import { formatPrice } from './map-forint.js';
import type { InvoiceDraft } from './map-invoice.js';

/** Field → text, in wire order; `createDocument` sets `VevoEmail` to the debtor's e-mail. */
export type InvoiceRecord = Readonly<Record<string, string>>;

const flag = (value: boolean) => (value ? '1' : '0');

export function toInvoiceRecord(draft: InvoiceDraft): InvoiceRecord {
  const record: Record<string, string> = {
    VevoNev: draft.buyer.name,
    VevoIrsz: draft.buyer.postCode,
    VevoTelep: draft.buyer.city,
    VevoUtcaHsz: draft.buyer.street,
    VevoOrszag: draft.buyer.country,
  };
  if (draft.buyer.taxNumber !== '') record.VevoAdoszam = draft.buyer.taxNumber;
  if (draft.buyer.email !== '') record.VevoEmail = draft.buyer.email;
  Object.assign(record, {
    SzamlatombID: String(draft.padId),
    SzamlaKelte: draft.issueDate,
    TeljesitesKelte: draft.fulfilmentDate,
    Hatarido: draft.dueDate,
    Devizanem: currencyName(draft.currency),
    FizetesiMod: draft.paymentMethod,
    Fizetve: flag(draft.paid),
    Eszamla: flag(draft.electronic),
    Felretett: flag(draft.draft),
    Proforma: flag(draft.proforma),
    EmailKuldes: flag(draft.email),
  });
  if (draft.warehouseId !== undefined) record.RaktarID = String(draft.warehouseId);
  const single = draft.lines.length === 1;
  draft.lines.forEach((line, index) => {
    const s = single ? '' : String(index + 1);
    record[`TetelNev${s}`] = line.name;
    record[`AfaSzoveg${s}`] = line.vatLabel;
    record[`Brutto${s}`] = '1';
    record[`EgysegAr${s}`] = formatPrice(line.unitPrice);
    record[`Mennyiseg${s}`] = String(line.quantity);
    record[`MennyisegEgyseg${s}`] = line.unit;
    if (line.sku !== '') record[`CikkSzam${s}`] = line.sku;
  });
  return Object.freeze(record);
}
