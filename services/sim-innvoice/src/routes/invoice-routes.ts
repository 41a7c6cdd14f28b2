import type { FastifyInstance, FastifyRequest } from 'fastify';
import { convertProforma, commitDocument } from '../domain/document-store.js';
import { buildDocument, type DocumentDraft } from '../domain/invoice-rules.js';
import type { Issue } from '../domain/issues.js';
import type { InnvoiceState, InvoiceDocument } from '../domain/model.js';
import { readRecords } from '../xml/xml-reader.js';
import { el, group } from '../xml/xml-writer.js';
import { companyOf } from './company-auth.js';
import { createdXml, documentXml, printUrl } from './document-xml.js';
import { sendError, sendIssues, sendXml } from './xml-reply.js';

/**
 * `GET tomb_invoice`, `POST invoice` (invoice, proforma, draft), `GET invoice/techid/{id}`,
 * `POST proforma_invoice` (notes §4.2, §4.3). A request with several `<invoice>` elements is
 * all-or-nothing.
 */
export type InvoiceRouteOptions = {
  getState: () => InnvoiceState;
  now: () => Date;
  publicBaseUrl: string | undefined;
};

export async function invoiceRoutes(app: FastifyInstance, options: InvoiceRouteOptions) {
  const base = (request: FastifyRequest) =>
    options.publicBaseUrl ?? new URL(`${request.protocol}://${request.host}`).origin;

  app.get('/tomb_invoice', async (request, reply) => {
    const company = companyOf(request);
    return sendXml(
      reply,
      group(
        'tomb_invoice',
        company.pads.map((p) =>
          group('invoice', [el('TABLE_ID', String(p.id)), el('Nev', p.name, true), el('Elotag', p.prefix)]),
        ),
      ),
    );
  });

  app.post('/invoice', async (request, reply) => {
    const company = companyOf(request);
    const read = readRecords(typeof request.body === 'string' ? request.body : '', 'invoices', 'invoice');
    if (!read.ok) return sendError(reply, 'badXml', read.message);
    const drafts: DocumentDraft[] = [];
    const issues: Issue[] = [];
    read.records.forEach((record, index) => {
      const built = buildDocument(record, company);
      const prefix = read.records.length > 1 ? `${index + 1}. számla: ` : '';
      if (built.ok) drafts.push(built.value);
      else issues.push(...built.issues.map((i) => ({ ...i, message: prefix + i.message })));
    });
    if (issues.length > 0) return sendIssues(reply, issues);
    const nowIso = options.now().toISOString();
    const created = drafts.map((d) => commitDocument(options.getState(), company, d, nowIso));
    return sendXml(
      reply,
      group(
        'response',
        created.map((doc) => createdXml(doc, printUrl(base(request), company.name, doc))),
      ),
    );
  });

  app.get<{ Params: { techid: string } }>('/invoice/techid/:techid', async (request, reply) => {
    const company = companyOf(request);
    const doc = company.documents.find((d) => d.techId === request.params.techid);
    if (!doc)
      return sendError(reply, 'notFound', `Nincs ${request.params.techid} technikai azonosítójú bizonylat`);
    return sendXml(reply, group('response', [documentXml(doc, printUrl(base(request), company.name, doc))]));
  });

  app.post('/proforma_invoice', async (request, reply) => {
    const company = companyOf(request);
    const read = readRecords(
      typeof request.body === 'string' ? request.body : '',
      'proforma_invoices',
      'proforma_invoice',
    );
    if (!read.ok) return sendError(reply, 'badXml', read.message);
    const results: { proforma: InvoiceDocument; padId: number }[] = [];
    for (const record of read.records) {
      const tableId = record.TABLE_ID?.trim() ?? '';
      if (tableId === '') return sendError(reply, 'missingField', 'Hiányzó kötelező mező: TABLE_ID');
      const proforma = company.documents.find((d) => d.kind === 'proforma' && String(d.tableId) === tableId);
      if (!proforma) return sendError(reply, 'notFound', `Nincs ${tableId} azonosítójú díjbekérő`);
      const padRaw = record.SzamlatombID?.trim() ?? '';
      const pad =
        padRaw === ''
          ? company.pads.find((p) => p.id === proforma.padId)
          : company.pads.find((p) => String(p.id) === padRaw);
      if (!pad)
        return sendError(
          reply,
          'invalidField',
          `Hibás érték a(z) SzamlatombID mezőben: nincs ${padRaw} azonosítójú számlatömb`,
        );
      if (proforma.convertedToTechId !== null || results.some((r) => r.proforma === proforma)) {
        const made = proforma.convertedToTechId ?? 'ebben a kérésben';
        return sendError(
          reply,
          'conflict',
          `A(z) ${proforma.tableId} díjbekérőből már készült számla (${made})`,
        );
      }
      results.push({ proforma, padId: pad.id });
    }
    const nowIso = options.now().toISOString();
    const converted = [];
    for (const { proforma, padId } of results) {
      const invoice = convertProforma(options.getState(), company, proforma, padId, nowIso);
      if (invoice === 'already-converted') {
        return sendError(
          reply,
          'conflict',
          `A(z) ${proforma.tableId} díjbekérőből már készült számla (${proforma.convertedToTechId})`,
        );
      }
      converted.push(invoice);
    }
    return sendXml(
      reply,
      group(
        'response',
        converted.map((doc) => createdXml(doc, printUrl(base(request), company.name, doc))),
      ),
    );
  });
}
