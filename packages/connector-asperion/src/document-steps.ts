/**
 * Document steps of the Asperion connector: the invoice prepared without side effects, dedupe by
 * invoice number, product check, invoice creation (README.md).
 */
import type { PreparedDocument, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import { type CanonicalOrder, LineKind } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import { articleSchema, entitySchema, salesInvoiceSchema } from './api-schemas.js';
import { type SalesInvoiceBody, toSalesInvoiceBody } from './invoice-body.js';
import { mapInvoice } from './map-invoice.js';
import type { AsperionSession } from './session.js';

/** Pure: currency, dates, VAT codes, ledger accounts and totals checked; no call is made. */
export function prepareDocument(
  order: CanonicalOrder,
  session: AsperionSession,
): PreparedDocument<SalesInvoiceBody> {
  const draft = mapInvoice(order, session.settings);
  return { number: draft.invoiceNumber, body: toSalesInvoiceBody(draft) };
}

export async function findDocument(
  session: AsperionSession,
  prepared: PreparedDocument<SalesInvoiceBody>,
): Promise<TargetDocument | null> {
  const number = prepared.number;
  const invoices = await session.client.list(
    '/v1/salesinvoiceswithlines',
    { InvoiceNumber: number, InvoiceNumber_comparison: 'Equals' },
    salesInvoiceSchema,
    'sales invoice lookup',
  );
  // Filtered again here: should `_comparison` be ignored, the default `Contains` would also
  // return WEB-1001 for WEB-100.
  const invoice = invoices.find((candidate) => candidate.invoiceNumber === number);
  return invoice ? { targetId: String(invoice.id), number: invoice.invoiceNumber } : null;
}

export async function findMissingProducts(
  session: AsperionSession,
  order: CanonicalOrder,
): Promise<string[]> {
  if (!session.settings.checkProducts) return [];
  const skus = [
    ...new Set(
      order.lines
        .filter((line) => line.kind === LineKind.PRODUCT && line.sku.trim() !== '')
        .map((l) => l.sku.trim()),
    ),
  ];
  return session.knownProducts.missing(skus, async (sku) => {
    // `Code` follows the PascalCase-filter rule of README.md for the article number [I].
    const articles = await session.client.list(
      '/v1/articles',
      { Code: sku, Code_comparison: 'Equals' },
      articleSchema,
      'article lookup',
    );
    return articles.some((article) => article.code === sku);
  });
}

export async function createDocument(
  session: AsperionSession,
  prepared: PreparedDocument<SalesInvoiceBody>,
  debtor: TargetDebtor,
): Promise<TargetDocument> {
  try {
    const created = await session.client.request({
      method: 'POST',
      path: '/v1/salesinvoiceswithlines',
      body: { ...prepared.body, debtorCustomerNumber: debtor.targetId },
      schema: entitySchema(salesInvoiceSchema),
      what: `sales invoice ${prepared.number}`,
    });
    return { targetId: String(created.id), number: created.invoiceNumber };
  } catch (error) {
    // A retry after a lost response finds the number taken: the invoice is there, so it is done.
    if (isAppError(error) && error.code === 'TARGET_REJECTED' && /invoicenumber/i.test(error.field ?? '')) {
      const existing = await findDocument(session, prepared);
      if (existing) return existing;
    }
    throw error;
  }
}
