/**
 * Document steps of the InnVoice connector: the document prepared without side effects, the
 * look-up before any create, and the create itself (README "Duplicates"). InnVoice never refuses
 * a duplicate and cannot be searched by order (`documentLookup: 'none'`): a document this session
 * booked is found again by its order reference (and confirmed by its techid); a create whose
 * answer was lost is reported with `details.outcome: 'unknown'`, and Koppel's delivery ledger
 * then never sends it again (target-delivery, `DOCUMENT_OUTCOME_UNKNOWN`), even after a restart.
 */
import { appError, isAppError } from '@koppel/errors';
import type { PreparedDocument, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import { type CanonicalOrder, LineKind } from '@koppel/contracts';
import type { XmlObject } from './client.js';
import { type InvoiceRecord, toInvoiceRecord } from './invoice-record.js';
import { mapInvoice } from './map-invoice.js';
import type { BookedDocument, InnvoiceSession } from './session.js';

/** Pure: currency, VAT labels, forint conversion, rounding line and EN 16931 checked; no call. */
export function prepareDocument(
  order: CanonicalOrder,
  session: InnvoiceSession,
): PreparedDocument<InvoiceRecord> {
  const draft = mapInvoice(order, session.settings);
  return { number: draft.orderReference, body: toInvoiceRecord(draft) };
}

/** Finds only what this session booked: InnVoice has no search by order (README "Duplicates"). */
export async function findDocument(
  session: InnvoiceSession,
  prepared: PreparedDocument<InvoiceRecord>,
): Promise<TargetDocument | null> {
  const booked = session.booked.get(prepared.number);
  if (!booked) return null;
  // Confirmed in InnVoice by its techid, so a document deleted there is not taken as booked.
  const found = await readDocument(session, booked.techId);
  return found ? { targetId: booked.techId, number: numberOf(found, booked.techId) } : null;
}

/** Unknown SKUs are no reason to stop an order: InnVoice then moves no stock for that line. */
export async function findMissingProducts(): Promise<string[]> {
  return [];
}

/**
 * The SKUs of the order InnVoice does not know, whose lines move no stock (README "Stock").
 * Empty when the connection does not move stock.
 */
export async function findUnstockedSkus(session: InnvoiceSession, order: CanonicalOrder): Promise<string[]> {
  if (session.settings.stockWarehouseId === undefined) return [];
  const skus = order.lines
    .filter((l) => l.kind === LineKind.PRODUCT && l.sku.trim() !== '')
    .map((l) => l.sku.trim());
  return unknownSkus(session, skus);
}

export async function createDocument(
  session: InnvoiceSession,
  prepared: PreparedDocument<InvoiceRecord>,
  debtor: TargetDebtor,
): Promise<TargetDocument> {
  const reference = prepared.number;
  const booked = session.booked.get(reference);
  if (booked) return { targetId: booked.techId, number: booked.number };
  const record =
    debtor.email !== '' && prepared.body.VevoEmail !== undefined
      ? { ...prepared.body, VevoEmail: debtor.email }
      : prepared.body;
  const notes = await stockNotes(session, record);
  const answer = await session.client.post(
    '/invoice',
    'invoices',
    'invoice',
    record,
    `document of order ${reference}`,
  );
  const response = answer.response as XmlObject | undefined;
  const created = (asList(response?.invoice)[0] ?? asList(response?.proforma_invoice)[0]) as
    | XmlObject
    | undefined;
  const techId = typeof created?.techid === 'string' ? created.techid : '';
  if (techId === '') {
    // InnVoice answered success without saying which document: it may well have made one.
    throw appError(
      'TARGET_UNAVAILABLE',
      `InnVoice answered the document of order ${reference} without a techid`,
      { details: { orderReference: reference, outcome: 'unknown' } },
    );
  }
  const document: BookedDocument = { targetId: techId, techId, number: numberOf(created ?? {}, techId) };
  session.booked.set(reference, document);
  return { targetId: document.targetId, number: document.number, ...(notes.length > 0 ? { notes } : {}) };
}

/**
 * For the journey: the record's SKUs InnVoice does not know move no stock (README "Stock"). Only
 * a final invoice moves stock. Best effort: a failed look-up is noted, never stops the create.
 */
async function stockNotes(session: InnvoiceSession, record: InvoiceRecord): Promise<string[]> {
  const warehouse = record.RaktarID;
  if (warehouse === undefined || record.Felretett === '1' || record.Proforma === '1') return [];
  const skus = Object.entries(record)
    .filter(([field]) => /^CikkSzam\d*$/.test(field))
    .map(([, sku]) => sku);
  try {
    return (await unknownSkus(session, skus)).map(
      (sku) => `no stock moved for SKU ${sku}: InnVoice does not know it (warehouse ${warehouse})`,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [`stock of SKUs ${skus.join(', ')} not checked (${reason}); unknown SKUs move no stock`];
  }
}

async function unknownSkus(session: InnvoiceSession, skus: readonly string[]): Promise<string[]> {
  const unknown: string[] = [];
  for (const sku of new Set(skus)) {
    const answer = await session.client.get('/product', 'product look-up', { CikkSzam: sku });
    const products = asList((answer.response as XmlObject | undefined)?.product);
    if (!products.some((p) => p.CikkSzam === sku)) unknown.push(sku);
  }
  return unknown;
}

async function readDocument(session: InnvoiceSession, techId: string): Promise<XmlObject | null> {
  try {
    const answer = await session.client.get(
      `/invoice/techid/${encodeURIComponent(techId)}`,
      'document look-up',
    );
    return (asList((answer.response as XmlObject | undefined)?.invoice)[0] as XmlObject | undefined) ?? null;
  } catch (error) {
    if (isAppError(error) && error.details?.status === 404) return null;
    throw error;
  }
}

/** The invoice number (`Sorszam`); drafts and proformas have none, so their techid stands in. */
function numberOf(document: XmlObject, techId: string): string {
  const number = document.SorszamFormatted ?? document.Sorszam;
  return typeof number === 'string' && number !== '' ? number : `techid ${techId}`;
}

function asList(value: unknown): XmlObject[] {
  if (Array.isArray(value)) return value.filter((v): v is XmlObject => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as XmlObject] : [];
}
