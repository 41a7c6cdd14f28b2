import type { FastifyInstance } from 'fastify';
import type { FilterSpec } from '../domain/list-query.js';
import type {
  Administration,
  Article,
  Journal,
  LedgerAccount,
  PaymentCondition,
  VatCode,
} from '../domain/model.js';
import type { AsperionState } from '../domain/state.js';
import { apiContext } from './api-context.js';
import { sendValidationProblem } from './problem.js';
import { baseUrl, type ListSettings, sendList } from './envelope.js';
import { articleToWire, ledgerAccountToWire, vatCodeToWire } from './serializers.js';

/**
 * Read-only lists: administrations, vatcodes, ledgeraccounts, journals, paymentconditions, articles
 * (notes §1.4, §1.7, §1.8). Articles answer only active ones unless `ActiveState` says otherwise.
 */
const ADMINISTRATION_FILTERS: FilterSpec<Administration>[] = [
  { name: 'Id', kind: 'int', get: (a) => a.id },
  { name: 'Name', kind: 'string', get: (a) => a.name },
  { name: 'TelephoneNumber', kind: 'string', get: (a) => a.telephoneNumber },
  { name: 'Email', kind: 'string', get: (a) => a.email },
];
const VAT_FILTERS: FilterSpec<VatCode>[] = [
  { name: 'Id', kind: 'string', get: (v) => v.id },
  { name: 'Description', kind: 'string', get: (v) => v.description },
  { name: 'SalesCode', kind: 'bool', get: (v) => v.salesCode },
  { name: 'CountryCode', kind: 'string', get: (v) => v.countryCode },
];
const LEDGER_FILTERS: FilterSpec<LedgerAccount>[] = [
  { name: 'Id', kind: 'int', get: (l) => l.id },
  { name: 'Type', kind: 'int', get: (l) => l.type },
  { name: 'Description', kind: 'string', get: (l) => l.description },
  { name: 'ConversionCode', kind: 'string', get: (l) => l.conversionCode },
  { name: 'CostCenter', kind: 'string', get: (l) => l.costCenter },
];
const JOURNAL_FILTERS: FilterSpec<Journal>[] = [
  { name: 'Id', kind: 'string', get: (j) => j.id },
  { name: 'Type', kind: 'string', get: (j) => j.type },
];
const PAYMENT_FILTERS: FilterSpec<PaymentCondition>[] = [
  { name: 'Id', kind: 'int', get: (p) => p.id },
  { name: 'Description', kind: 'string', get: (p) => p.description },
];
const ARTICLE_FILTERS: FilterSpec<Article>[] = [
  { name: 'Id', kind: 'int', get: (a) => a.id },
  { name: 'Code', kind: 'string', get: (a) => a.code },
  { name: 'Description', kind: 'string', get: (a) => a.description },
  { name: 'Ean', kind: 'string', get: (a) => a.ean },
];

export async function referenceRoutes(
  app: FastifyInstance,
  options: { settings: ListSettings; getState: () => AsperionState },
) {
  const { settings } = options;
  app.get('/administrations', async (request, reply) => {
    const { user } = apiContext(request);
    const base = baseUrl(request, settings);
    const state = options.getState();
    const visible = state.administrations
      .map((a) => a.administration)
      .filter((a) => user.administrationIds.includes(a.id));
    return sendList(request, reply, settings, visible, ADMINISTRATION_FILTERS, (a) => ({
      id: a.id,
      name: a.name,
      _meta: { self: `${base}/v1/administrations/${a.id}` },
    }));
  });
  app.get('/vatcodes', async (request, reply) => {
    const base = baseUrl(request, settings);
    return sendList(request, reply, settings, apiContext(request).data.vatCodes, VAT_FILTERS, (v) =>
      vatCodeToWire(v, base),
    );
  });
  app.get('/ledgeraccounts', async (request, reply) => {
    const base = baseUrl(request, settings);
    const accounts = apiContext(request).data.ledgerAccounts;
    return sendList(request, reply, settings, accounts, LEDGER_FILTERS, (l) => ledgerAccountToWire(l, base));
  });
  app.get('/journals', async (request, reply) => {
    const base = baseUrl(request, settings);
    return sendList(request, reply, settings, apiContext(request).data.journals, JOURNAL_FILTERS, (j) => ({
      id: j.id,
      description: j.description,
      type: j.type,
      _meta: { self: `${base}/v1/journals/${encodeURIComponent(j.id)}` },
    }));
  });
  app.get('/paymentconditions', async (request, reply) => {
    const base = baseUrl(request, settings);
    const conditions = apiContext(request).data.paymentConditions;
    return sendList(request, reply, settings, conditions, PAYMENT_FILTERS, (p) => ({
      id: p.id,
      description: p.description,
      _meta: { self: `${base}/v1/paymentconditions/${p.id}` },
    }));
  });
  app.get('/articles', async (request, reply) => {
    const base = baseUrl(request, settings);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const raw = Object.entries(query).find(([k]) => k.toLowerCase() === 'activestate')?.[1];
    const wanted = String(raw ?? 'Active').toLowerCase();
    if (!['active', 'inactive', 'all'].includes(wanted)) {
      return sendValidationProblem(
        reply,
        [{ field: 'ActiveState', key: 'invalidValue' }],
        apiContext(request).language,
      );
    }
    const articles = apiContext(request).data.articles.filter(
      (a) => wanted === 'all' || a.activeState.toLowerCase() === wanted,
    );
    return sendList(request, reply, settings, articles, ARTICLE_FILTERS, (a) => articleToWire(a, base));
  });
}
