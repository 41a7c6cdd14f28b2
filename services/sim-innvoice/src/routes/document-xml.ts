import { formatAmount, formatDecimal } from '../domain/amounts.js';
import { toHuDate } from '../domain/dates.js';
import type { InvoiceDocument } from '../domain/model.js';
import { el, group, type XmlNode } from '../xml/xml-writer.js';

/** Document fields on the wire; read-back names beyond the notes' response fields are [I]. */
export function printUrl(base: string, company: string, doc: InvoiceDocument): string {
  return `${base}/${company}/print/${doc.techId}/${doc.printKey}.pdf`;
}

/** The create response item: `techid`, `Sorszam` (final invoices only), `PrintUrl`, `TABLE_ID`. */
export function createdXml(doc: InvoiceDocument, url: string): XmlNode {
  return group(doc.kind === 'proforma' ? 'proforma_invoice' : 'invoice', [
    el('techid', doc.techId),
    ...(doc.number !== null ? [el('Sorszam', doc.number)] : []),
    el('PrintUrl', url),
    el('TABLE_ID', String(doc.tableId)),
  ]);
}

export function documentXml(doc: InvoiceDocument, url: string): XmlNode {
  const money = (v: number) => formatAmount(v, doc.currency);
  const single = doc.lines.length === 1;
  const lines = doc.lines.flatMap((line, i) => {
    const s = single ? '' : String(i + 1);
    return [
      el(`TetelNev${s}`, line.name, true),
      el(`AfaSzoveg${s}`, line.vatLabel),
      el(`Brutto${s}`, line.grossPrices ? '1' : '0'),
      el(`EgysegAr${s}`, formatDecimal(line.unitPrice, 2).replace(/\.00$/, '')),
      el(`Mennyiseg${s}`, formatDecimal(line.quantity, 3).replace(/\.?0+$/, '')),
      el(`MennyisegEgyseg${s}`, line.unit),
      el(`CikkSzam${s}`, line.sku),
      el(`TetelNetto${s}`, money(line.net)),
      el(`TetelAfa${s}`, money(line.vat)),
      el(`TetelBrutto${s}`, money(line.gross)),
    ];
  });
  return group('invoice', [
    el('techid', doc.techId),
    el('TABLE_ID', String(doc.tableId)),
    el('Proforma', doc.kind === 'proforma' ? '1' : '0'),
    el('Felretett', doc.draft ? '1' : '0'),
    el('Sorszam', doc.number ?? ''),
    el('SorszamFormatted', doc.number ?? ''),
    el('SzamlatombID', String(doc.padId)),
    el('VevoNev', doc.buyer.name, true),
    el('VevoIrsz', doc.buyer.postCode),
    el('VevoTelep', doc.buyer.city, true),
    el('VevoUtcaHsz', doc.buyer.street, true),
    el('VevoOrszag', doc.buyer.country),
    el('VevoAdoszam', doc.buyer.taxNumber),
    el('VevoEmail', doc.buyer.email),
    el('PartnerID', String(doc.partnerId)),
    el('SzamlaKelte', toHuDate(doc.issueDate)),
    el('TeljesitesKelte', toHuDate(doc.fulfilmentDate)),
    el('Hatarido', toHuDate(doc.dueDate)),
    el('Devizanem', doc.currency),
    el('FizetesiMod', doc.paymentMethod, true),
    el('Fizetve', doc.paid ? '1' : '0'),
    el('Eszamla', doc.electronic ? '1' : '0'),
    el('EmailKuldes', doc.emailRequested ? '1' : '0'),
    el('EmailCim', doc.emailedTo ?? ''),
    el('NettoOsszeg', money(doc.net)),
    el('AfaOsszeg', money(doc.vat)),
    el('BruttoOsszeg', money(doc.gross)),
    el('DijbekeroTechid', doc.fromProformaTechId ?? ''),
    el('SzamlaTechid', doc.convertedToTechId ?? ''),
    el('PrintUrl', url),
    ...lines,
  ]);
}
