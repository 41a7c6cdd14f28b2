/**
 * Document steps of the Mplus connector: the document prepared without side effects, found again
 * by its external id before any create (`findOrder(extOrderId)`, or `findInvoice(extInvoiceId)`
 * when the connection books invoices), the articles checked (`getProducts`, also the PLU look-up
 * of non-numeric SKUs), and the document created with `createOrder`, `queueBranchOrder` or
 * `saveInvoice`. Mplus refuses a reused external id (`…-EXT-ORDER-ID-ALREADY-EXISTS`,
 * `SAVE-INVOICE-RESULT-EXT-INVOICE-ID-ALREADY-EXISTS`): after a lost answer the retry finds the
 * document and is done.
 */
import type { PreparedDocument, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import type { CanonicalOrder } from '@koppel/contracts';
import {
  findInvoiceResponse,
  findOrderResponse,
  getProductsResponse,
  placeOrderResponse,
  saveInvoiceResponse,
} from './api-schemas.js';
import { mplusError } from './errors.js';
import { type MplusOrderDraft, mapOrder } from './map-order.js';
import { toInvoicePayload, toOrderPayload } from './order-body.js';
import { rejected } from './relation-steps.js';
import { productArticles } from './resolve-article.js';
import type { MplusSession } from './session.js';
import type { XmlNode } from './soap-envelope.js';

/** Pure: currency, articles, tax codes, turnover groups and the EN 16931 arithmetic; no call. */
export function prepareDocument(
  order: CanonicalOrder,
  session: MplusSession,
): PreparedDocument<MplusOrderDraft> {
  const draft = mapOrder(order, session.settings);
  return { number: draft.extOrderId, body: draft };
}

export async function findDocument(
  session: MplusSession,
  prepared: PreparedDocument<MplusOrderDraft>,
): Promise<TargetDocument | null> {
  if (prepared.body.documentType === 'invoice') {
    const answer = await session.client.call(
      'findInvoice',
      { extInvoiceId: prepared.number },
      findInvoiceResponse,
      `invoice look-up ${prepared.number}`,
    );
    if (answer.result === 'GET-INVOICE-RESULT-NOT-FOUND' || answer.invoice === undefined) return null;
    if (answer.result !== 'GET-INVOICE-RESULT-OK') throw rejected('invoice look-up', answer);
    if (answer.invoice.extInvoiceId !== undefined && answer.invoice.extInvoiceId !== prepared.number)
      return null;
    return { targetId: answer.invoice.invoiceId, number: prepared.number };
  }
  const answer = await session.client.call(
    'findOrder',
    { extOrderId: prepared.number },
    findOrderResponse,
    `order look-up ${prepared.number}`,
  );
  if (answer.result === 'GET-ORDER-RESULT-NOT-FOUND' || answer.order === undefined) return null;
  if (answer.result !== 'GET-ORDER-RESULT-OK') throw rejected('order look-up', answer);
  if (answer.order.extOrderId !== undefined && answer.order.extOrderId !== prepared.number) return null;
  return { targetId: answer.order.orderId, number: prepared.number };
}

/**
 * The SKUs Mplus does not know: numeric article numbers checked with `getProducts`, PLUs looked
 * up (and remembered in the session for `createDocument`). A PLU look-up needs a call, so an
 * unknown PLU stops the order here: after the relation step, before the order is created.
 */
export async function findMissingProducts(session: MplusSession, order: CanonicalOrder): Promise<string[]> {
  const articles = productArticles(order, session.settings);
  const plus = articles.flatMap((a) => ('plu' in a.ref ? [{ sku: a.sku, plu: a.ref.plu }] : []));
  const numbers = articles.flatMap((a) =>
    'articleNumber' in a.ref ? [{ sku: a.sku, number: a.ref.articleNumber }] : [],
  );
  const missing: string[] = [];
  if (plus.length > 0) {
    const found = await listArticles(session, { pluNumbers: { text: plus.map((p) => ({ text: p.plu })) } });
    for (const { sku, plu } of plus) {
      const article = found.find((a) => a.pluNumber === plu);
      if (article) session.pluArticles.set(plu, article.articleNumber);
      else missing.push(sku);
    }
  }
  if (session.settings.checkArticles && numbers.length > 0) {
    const found = new Set(
      (await listArticles(session, { articleNumbers: numbers.map((n) => n.number) })).map(
        (a) => a.articleNumber,
      ),
    );
    for (const { sku, number } of numbers) if (!found.has(number)) missing.push(sku);
  }
  return missing;
}

export async function listArticles(session: MplusSession, filter: Record<string, XmlNode>) {
  const answer = await session.client.call(
    'getProducts',
    { request: filter },
    getProductsResponse,
    'article look-up',
  );
  return answer.productList.flatMap((product) => product.articleList);
}

export async function createDocument(
  session: MplusSession,
  prepared: PreparedDocument<MplusOrderDraft>,
  debtor: TargetDebtor,
): Promise<TargetDocument> {
  const draft = prepared.body;
  const numbers = await articleNumbers(session, draft);
  const articleFor = (index: number) => numbers[index] ?? '';
  if (draft.documentType === 'invoice') {
    const answer = await session.client.call(
      'saveInvoice',
      toInvoicePayload(draft, debtor.targetId, articleFor),
      saveInvoiceResponse,
      `invoice ${prepared.number}`,
    );
    if (answer.result === 'SAVE-INVOICE-RESULT-OK' && answer.info) {
      return { targetId: answer.info.invoiceId, number: prepared.number };
    }
    return alreadyThere(session, prepared, answer, 'SAVE-INVOICE-RESULT-EXT-INVOICE-ID-ALREADY-EXISTS');
  }
  const operation = draft.operation;
  const prefix = operation === 'createOrder' ? 'CREATE-ORDER-RESULT' : 'QUEUE-BRANCH-ORDER-RESULT';
  const answer = await session.client.call(
    operation,
    toOrderPayload(draft, debtor.targetId, articleFor),
    placeOrderResponse,
    `order ${prepared.number}`,
  );
  if (answer.result === `${prefix}-OK` && answer.info) {
    return { targetId: answer.info.orderId, number: prepared.number };
  }
  return alreadyThere(session, prepared, answer, `${prefix}-EXT-ORDER-ID-ALREADY-EXISTS`);
}

/** A retry after a lost answer: Mplus has the document already, so the delivery is done. */
async function alreadyThere(
  session: MplusSession,
  prepared: PreparedDocument<MplusOrderDraft>,
  answer: { result: string; errorMessage?: string | undefined },
  alreadyExists: string,
): Promise<TargetDocument> {
  if (answer.result === alreadyExists) {
    const existing = await findDocument(session, prepared);
    if (existing) return existing;
  }
  throw rejected(`${prepared.body.documentType} ${prepared.number}`, answer);
}

/** Each line's article number; a PLU not looked up in this session is looked up now. */
async function articleNumbers(session: MplusSession, draft: MplusOrderDraft): Promise<string[]> {
  const unknown = draft.lines.flatMap((line) =>
    'plu' in line.article && !session.pluArticles.has(line.article.plu) ? [line.article.plu] : [],
  );
  if (unknown.length > 0) {
    const found = await listArticles(session, {
      pluNumbers: { text: unknown.map((plu) => ({ text: plu })) },
    });
    for (const article of found)
      if (article.pluNumber) session.pluArticles.set(article.pluNumber, article.articleNumber);
  }
  return draft.lines.map((line) => {
    if ('articleNumber' in line.article) return line.article.articleNumber;
    const number = session.pluArticles.get(line.article.plu);
    if (number === undefined) {
      throw mplusError(
        'MPLUS_ARTICLE_NOT_MAPPED',
        `SKU "${line.article.plu}" is no PLU of any Mplus article`,
        {
          field: 'order.lines.sku',
          details: { sku: line.article.plu },
        },
      );
    }
    return number;
  });
}
