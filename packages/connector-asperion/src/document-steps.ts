/**
 * Document steps of the Asperion connector: dedupe by invoice number, product check, invoice
 * creation (targets.md §1.6, §6.1).
 */
import type { TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import { type CanonicalOrder, LineKind } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import type { AsperionSession } from './asperion-connector.js';
import { articleSchema, entitySchema, salesInvoiceSchema } from './asperion-schemas.js';
import { toSalesInvoiceBody } from './domain/invoice-body.js';
import { documentNumber, mapInvoice } from './domain/map-invoice.js';

export async function findDocument(
  session: AsperionSession,
  order: CanonicalOrder,
): Promise<TargetDocument | null> {
  const number = documentNumber(order, session.settings.invoiceNumberPrefix);
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
  const missing: string[] = [];
  for (const sku of skus) {
    // `Code` follows the PascalCase-filter rule of targets.md §1.2 for the article number [I].
    const articles = await session.client.list(
      '/v1/articles',
      { Code: sku, Code_comparison: 'Equals' },
      articleSchema,
      'article lookup',
    );
    if (!articles.some((article) => article.code === sku)) missing.push(sku);
  }
  return missing;
}

export async function createDocument(
  session: AsperionSession,
  order: CanonicalOrder,
  debtor: TargetDebtor,
): Promise<TargetDocument> {
  const draft = mapInvoice(order, debtor.targetId, session.settings);
  try {
    const created = await session.client.request({
      method: 'POST',
      path: '/v1/salesinvoiceswithlines',
      body: toSalesInvoiceBody(draft),
      schema: entitySchema(salesInvoiceSchema),
      what: `sales invoice ${draft.invoiceNumber}`,
    });
    return { targetId: String(created.id), number: created.invoiceNumber };
  } catch (error) {
    // A retry after a lost response finds the number taken: the invoice is there, so it is done.
    if (isAppError(error) && error.code === 'TARGET_REJECTED' && /invoicenumber/i.test(error.field ?? '')) {
      const existing = await findDocument(session, order);
      if (existing) return existing;
    }
    throw error;
  }
}
