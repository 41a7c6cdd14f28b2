/**
 * Document steps: the document prepared without side effects (mapping, then the EN 16931
 * checks), the look-up by its number before any create (`SO_HDR.COMMENT1` or
 * `DJ_PAGE.INV_NR`: AccountView itself refuses no duplicate sales order), the article check
 * against AK1, and the create.
 */
import type { PreparedDocument, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import { type CanonicalOrder, LineKind } from '@koppel/contracts';
import { appError, isAppError } from '@koppel/errors';
import { toDocumentBody } from './document-body.js';
import { assertEn16931 } from './en16931.js';
import { type DocumentDraft, mapDocument } from './map-document.js';
import type { AccountviewSession } from './session.js';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : String(value ?? ''));

/** Pure: currency, dates, VAT codes, accounts, articles, totals and EN 16931 checked; no call is made. */
export function prepareDocument(
  order: CanonicalOrder,
  session: AccountviewSession,
): PreparedDocument<DocumentDraft> {
  const draft = mapDocument(order, session.settings);
  assertEn16931(draft);
  return { number: draft.number, body: draft };
}

export async function findDocument(
  session: AccountviewSession,
  prepared: PreparedDocument<DocumentDraft>,
): Promise<TargetDocument | null> {
  const draft = prepared.body;
  if (draft.kind === 'sales-order') {
    const rows = await session.client.read(
      'SO1',
      [{ field: 'COMMENT1', value: draft.number }],
      'sales order lookup',
    );
    const found = (rows.SO_HDR ?? []).find((row) => text(row.COMMENT1) === draft.number);
    return found ? { targetId: text(found.REC_ID), number: text(found.ORD_NR) } : null;
  }
  const rows = await session.client.read(
    'DJ2',
    [
      { field: 'DJ_CODE', value: draft.daybookCode ?? '' },
      { field: 'INV_NR', value: draft.number },
    ],
    'journal page lookup',
  );
  const found = (rows.DJ_PAGE ?? []).find((row) => text(row.INV_NR) === draft.number);
  return found ? { targetId: text(found.REC_ID), number: text(found.INV_NR) } : null;
}

/** SKUs of product lines, plus the articles of cost lines on a sales order, unknown in AK1. */
export async function findMissingProducts(
  session: AccountviewSession,
  order: CanonicalOrder,
): Promise<string[]> {
  const { settings } = session;
  if (!settings.checkProducts) return [];
  const codes = new Set(
    order.lines
      .filter((line) => line.kind === LineKind.PRODUCT && line.sku.trim() !== '')
      .map((l) => l.sku.trim()),
  );
  return session.knownProducts.missing([...codes], async (code) => {
    const rows = await session.client.read('AK1', [{ field: 'ART_CODE', value: code }], 'article lookup', 1);
    return (rows.ARTICLE ?? []).some((row) => text(row.ART_CODE) === code);
  });
}

export async function createDocument(
  session: AccountviewSession,
  prepared: PreparedDocument<DocumentDraft>,
  debtor: TargetDebtor,
): Promise<TargetDocument> {
  const draft = prepared.body;
  const what = `${draft.kind === 'sales-order' ? 'sales order' : 'journal page'} ${draft.number}`;
  try {
    const created = await session.client.write('POST', toDocumentBody(draft, debtor.targetId), what);
    const row = (draft.kind === 'sales-order' ? created.SO_HDR : created.DJ_PAGE)?.[0];
    if (!row) throw appError('TARGET_REJECTED', `AccountView answered ${what} without the document`);
    return {
      targetId: text(row.REC_ID),
      number: draft.kind === 'sales-order' ? text(row.ORD_NR) : text(row.INV_NR),
    };
  } catch (error) {
    // A retry after a lost answer finds the invoice number taken: the page is there, so it is done.
    if (isAppError(error) && error.code === 'TARGET_REJECTED' && /INV_NR/.test(error.message)) {
      const existing = await findDocument(session, prepared);
      if (existing) return existing;
    }
    throw error;
  }
}
