import { randomBytes } from 'node:crypto';
import { ASSUMPTIONS } from './assumptions.js';
import type { DocumentDraft } from './invoice-rules.js';
import type { Company, InnvoiceState, InvoiceDocument } from './model.js';
import { upsertPartner } from './partner-register.js';

/**
 * Commits documents: techid (global counter), table id per kind, invoice number per pad and year
 * for final invoices only (drafts and proformas stay unnumbered), stock movement by SKU, and the
 * buyer upserted into the partner register.
 */
function nextNumber(company: Company, doc: InvoiceDocument): string {
  const pad = company.pads.find((p) => p.id === doc.padId);
  const year = doc.issueDate.slice(0, 4);
  const key = `${doc.padId}:${year}`;
  const seq = (company.counters.sequences[key] ?? 0) + 1;
  company.counters.sequences[key] = seq;
  return `${pad?.prefix ?? 'SZ'}-${year}/${String(seq).padStart(ASSUMPTIONS.sequenceDigits, '0')}`;
}

/** Final invoices take stock out of the chosen (or first) warehouse for known SKUs only. */
function moveStock(company: Company, doc: InvoiceDocument): void {
  const warehouseId = doc.warehouseId ?? company.warehouses[0]?.id;
  for (const line of doc.lines) {
    const product = company.products.find((p) => line.sku !== '' && p.sku === line.sku);
    if (!product || warehouseId === undefined) continue;
    const entry = product.stock.find((s) => s.warehouseId === warehouseId);
    if (entry) entry.quantity -= line.quantity;
    else product.stock.push({ warehouseId, quantity: -line.quantity });
  }
}

function finalise(company: Company, doc: InvoiceDocument): void {
  doc.draft = false;
  doc.number = nextNumber(company, doc);
  moveStock(company, doc);
}

export function commitDocument(
  state: InnvoiceState,
  company: Company,
  draft: DocumentDraft,
  nowIso: string,
): InvoiceDocument {
  const isProforma = draft.kind === 'proforma';
  const doc: InvoiceDocument = {
    ...draft,
    techId: String(state.techIdCounter++),
    tableId: isProforma ? company.counters.proformaTableId++ : company.counters.invoiceTableId++,
    number: null,
    partnerId: 0,
    printKey: randomBytes(12).toString('hex'),
    createdAt: nowIso,
  };
  doc.partnerId = upsertPartner(company, doc.buyer, doc.techId).id;
  company.documents.push(doc);
  if (!isProforma && !doc.draft) finalise(company, doc);
  return doc;
}

/** Simulates the user finalising a set-aside draft in InnVoice's UI (no API call is known). */
export function finaliseDraft(company: Company, doc: InvoiceDocument): InvoiceDocument | 'not-a-draft' {
  if (doc.kind !== 'invoice' || !doc.draft) return 'not-a-draft';
  finalise(company, doc);
  return doc;
}

/** `POST /{company}/proforma_invoice`: a final invoice from a proforma, once (notes §4.2). */
export function convertProforma(
  state: InnvoiceState,
  company: Company,
  proforma: InvoiceDocument,
  padId: number,
  nowIso: string,
): InvoiceDocument | 'already-converted' {
  if (proforma.convertedToTechId !== null) return 'already-converted';
  const invoice = commitDocument(
    state,
    company,
    {
      ...proforma,
      buyer: { ...proforma.buyer },
      lines: proforma.lines.map((line) => ({ ...line })),
      kind: 'invoice',
      draft: false,
      padId,
      fromProformaTechId: proforma.techId,
      convertedToTechId: null,
      // The conversion call carries no e-mail flag: the invoice is not sent by it.
      emailRequested: false,
      emailedTo: null,
    },
    nowIso,
  );
  proforma.convertedToTechId = invoice.techId;
  return invoice;
}
