/**
 * Document steps of the InnVoice connector: the document prepared without side effects, the
 * look-up before any create, and the create itself (README "Duplicates"). InnVoice never refuses
 * a duplicate and cannot be searched by order, so the connector guarantees "never twice" itself:
 * a document it booked is found again by its order reference (and confirmed by its techid), and a
 * create whose answer was lost is never sent again — the order is stopped with
 * `DOCUMENT_OUTCOME_UNKNOWN` for a person to look in InnVoice.
 */
import type { PreparedDocument, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import { type CanonicalOrder, LineKind } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import { outcomeOf, type XmlObject } from './client.js';
import { innvoiceError } from './errors.js';
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

export async function findDocument(
  session: InnvoiceSession,
  prepared: PreparedDocument<InvoiceRecord>,
): Promise<TargetDocument | null> {
  const reference = prepared.number;
  const booked = session.booked.get(reference);
  if (booked) {
    // Confirmed in InnVoice by its techid, so a document deleted there is not taken as booked.
    const found = await readDocument(session, booked.techId);
    return found ? { targetId: booked.techId, number: numberOf(found, booked.techId) } : null;
  }
  const sentAt = session.unanswered.get(reference);
  if (sentAt !== undefined) throw outcomeUnknown(reference, sentAt);
  return null;
}

/** Unknown SKUs are no reason to stop an order: InnVoice then moves no stock for that line. */
export async function findMissingProducts(): Promise<string[]> {
  return [];
}

/**
 * The SKUs of the order InnVoice does not know, whose lines move no stock: for the journey
 * (README "Stock"). Empty when the connection does not move stock.
 */
export async function findUnstockedSkus(session: InnvoiceSession, order: CanonicalOrder): Promise<string[]> {
  if (session.settings.stockWarehouseId === undefined) return [];
  const skus = [
    ...new Set(
      order.lines.filter((l) => l.kind === LineKind.PRODUCT && l.sku.trim() !== '').map((l) => l.sku.trim()),
    ),
  ];
  const unknown: string[] = [];
  for (const sku of skus) {
    const answer = await session.client.get('/product', 'product look-up', { CikkSzam: sku });
    const products = asList((answer.response as XmlObject | undefined)?.product);
    if (!products.some((p) => p.CikkSzam === sku)) unknown.push(sku);
  }
  return unknown;
}

export async function createDocument(
  session: InnvoiceSession,
  prepared: PreparedDocument<InvoiceRecord>,
  debtor: TargetDebtor,
): Promise<TargetDocument> {
  const reference = prepared.number;
  const booked = session.booked.get(reference);
  if (booked) return { targetId: booked.techId, number: booked.number };
  const sentAt = session.unanswered.get(reference);
  if (sentAt !== undefined) throw outcomeUnknown(reference, sentAt);
  const record =
    debtor.email !== '' && prepared.body.VevoEmail !== undefined
      ? { ...prepared.body, VevoEmail: debtor.email }
      : prepared.body;
  session.unanswered.set(reference, session.now());
  let answer: XmlObject;
  try {
    answer = await session.client.post(
      '/invoice',
      'invoices',
      'invoice',
      record,
      `document of order ${reference}`,
    );
  } catch (error) {
    // Only a call that surely did not book may be sent again.
    if (!isAppError(error) || outcomeOf(error) !== 'unknown') session.unanswered.delete(reference);
    throw error;
  }
  session.unanswered.delete(reference);
  const response = answer.response as XmlObject | undefined;
  const created = (asList(response?.invoice)[0] ?? asList(response?.proforma_invoice)[0]) as
    | XmlObject
    | undefined;
  const techId = typeof created?.techid === 'string' ? created.techid : '';
  if (techId === '') {
    throw innvoiceError(
      'DOCUMENT_OUTCOME_UNKNOWN',
      `InnVoice answered the document of order ${reference} without a techid`,
      {
        details: { orderReference: reference },
      },
    );
  }
  const document: BookedDocument = { targetId: techId, techId, number: numberOf(created ?? {}, techId) };
  session.booked.set(reference, document);
  return { targetId: document.targetId, number: document.number };
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

function outcomeUnknown(reference: string, sentAt: number) {
  return innvoiceError(
    'DOCUMENT_OUTCOME_UNKNOWN',
    `InnVoice may already have made the document of order ${reference}: the answer to the call sent at ` +
      `${new Date(sentAt).toISOString()} was lost, and InnVoice cannot be searched by order. Koppel will not ` +
      'send it again; look for the order in InnVoice and create it there by hand if it is missing.',
    {
      field: 'order.orderNumber',
      details: { orderReference: reference, sentAt: new Date(sentAt).toISOString() },
    },
  );
}
