import type { FastifyInstance } from 'fastify';
import { toWireTimestamp } from '../domain/dates.js';
import { invoicesNumbered, invoiceWithId } from '../domain/invoice-index.js';
import type { FilterSpec } from '../domain/list-query.js';
import { translate } from '../domain/messages.js';
import type { SalesInvoice } from '../domain/model.js';
import { buildSalesInvoice } from '../domain/sales-invoice-rules.js';
import { commitSalesInvoice } from '../domain/state.js';
import { SalesInvoiceBodySchema } from '../domain/wire-schemas.js';
import { apiContext } from './api-context.js';
import { parseBody, parseId, validateOnly } from './body.js';
import { baseUrl, type ListSettings, sendList } from './envelope.js';
import { sendProblem, sendValidationProblem } from './problem.js';
import { salesInvoiceToWire } from './serializers.js';

/**
 * `/v1/salesinvoiceswithlines` GET + POST and `/v1/salesinvoices` GET (headers only), notes §1.6.
 * `InvoiceNumber_comparison` defaults to Contains, so an exact lookup needs `Equals`.
 */
const INVOICE_FILTERS: FilterSpec<SalesInvoice>[] = [
  { name: 'Id', kind: 'int', get: (i) => i.id },
  { name: 'InvoiceNumber', kind: 'string', get: (i) => i.invoiceNumber, lookup: invoicesNumbered },
  { name: 'Description', kind: 'string', get: (i) => i.description },
  { name: 'DebtorCustomerNumber', kind: 'string', get: (i) => i.debtorCustomerNumber },
  { name: 'JournalId', kind: 'string', get: (i) => i.journalId },
  { name: 'Status', kind: 'int', get: (i) => i.status },
  { name: 'Bookyear', kind: 'int', get: (i) => i.bookyear },
  { name: 'Bookperiod', kind: 'int', get: (i) => i.bookperiod },
  { name: 'Date', kind: 'date', get: (i) => i.date },
  { name: 'DateAdded', kind: 'date', get: (i) => i.dateAdded },
  { name: 'PaymentDueDate', kind: 'date', get: (i) => i.paymentDueDate },
];

export async function salesInvoiceRoutes(
  app: FastifyInstance,
  options: { settings: ListSettings; now: () => Date; permissive: () => boolean },
) {
  const { settings, now, permissive } = options;

  for (const [path, withLines] of [
    ['/salesinvoiceswithlines', true],
    ['/salesinvoices', false],
  ] as const) {
    app.get(path, async (request, reply) => {
      const base = baseUrl(request, settings);
      const invoices = apiContext(request).data.salesInvoices;
      return sendList(request, reply, settings, invoices, INVOICE_FILTERS, (i) =>
        salesInvoiceToWire(i, base, withLines),
      );
    });
    app.get<{ Params: { id: string } }>(`${path}/:id`, async (request, reply) => {
      const { data, language } = apiContext(request);
      const id = parseId(request.params.id);
      const invoice = id === undefined ? undefined : invoiceWithId(data.salesInvoices, id);
      if (!invoice) return sendProblem(reply, 404, translate('notFound', language));
      return salesInvoiceToWire(invoice, baseUrl(request, settings), withLines);
    });
  }

  app.post('/salesinvoiceswithlines', async (request, reply) => {
    const { data, language } = apiContext(request);
    const dryRun = validateOnly(request);
    if (!dryRun.ok) return sendValidationProblem(reply, dryRun.issues, language);
    const body = parseBody(SalesInvoiceBodySchema, request.body);
    if (!body.ok) return sendValidationProblem(reply, body.issues, language);
    const rules = { allowDuplicateNumber: permissive() };
    const built = buildSalesInvoice(body.value, data, toWireTimestamp(now()), rules);
    if (!built.ok) return sendValidationProblem(reply, built.issues, language);
    const base = baseUrl(request, settings);
    if (dryRun.value) return reply.code(200).send(salesInvoiceToWire(built.value, base, true));
    const stored = commitSalesInvoice(data, built.value, rules);
    return reply
      .code(201)
      .header('location', `${base}/v1/salesinvoiceswithlines/${stored.id}`)
      .send(salesInvoiceToWire(stored, base, true));
  });
}
