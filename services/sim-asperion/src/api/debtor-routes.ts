import type { FastifyInstance } from 'fastify';
import { toWireTimestamp } from '../domain/dates.js';
import { buildDebtor } from '../domain/debtor-rules.js';
import type { FilterSpec } from '../domain/list-query.js';
import { translate } from '../domain/messages.js';
import type { Debtor } from '../domain/model.js';
import { commitDebtor, replaceDebtor } from '../domain/state.js';
import { DebtorBodySchema } from '../domain/wire-schemas.js';
import { apiContext } from './api-context.js';
import { parseBody, parseId, validateOnly } from './body.js';
import { baseUrl, type ListSettings, sendList } from './envelope.js';
import { sendProblem, sendValidationProblem } from './problem.js';
import { debtorToWire } from './serializers.js';

/**
 * `/v1/debtors` (notes §1.5): GET list with filters, GET by id, POST create, PUT full replace.
 * Filters named as ASP-GO sends them; string filters support `<Name>_comparison`.
 */
const DEBTOR_FILTERS: FilterSpec<Debtor>[] = [
  { name: 'Id', kind: 'int', get: (d) => d.id },
  { name: 'CustomerNumber', kind: 'string', get: (d) => d.customerNumber },
  { name: 'Name', kind: 'string', get: (d) => d.name },
  { name: 'EmailAddress', kind: 'string', get: (d) => d.emailAddress },
  { name: 'VatNumber', kind: 'string', get: (d) => d.vatNumber },
  { name: 'CocNumber', kind: 'string', get: (d) => d.cocNumber },
  { name: 'PostCode', kind: 'string', get: (d) => d.postCode },
  { name: 'City', kind: 'string', get: (d) => d.city },
  { name: 'Blocked', kind: 'bool', get: (d) => d.blocked },
  { name: 'DateAdded', kind: 'date', get: (d) => d.dateAdded },
  { name: 'DateLastChange', kind: 'date', get: (d) => d.dateLastChange },
];

export async function debtorRoutes(
  app: FastifyInstance,
  options: { settings: ListSettings; now: () => Date },
) {
  const { settings, now } = options;

  app.get('/debtors', async (request, reply) => {
    const base = baseUrl(request, settings);
    return sendList(request, reply, settings, apiContext(request).data.debtors, DEBTOR_FILTERS, (d) =>
      debtorToWire(d, base),
    );
  });

  app.get<{ Params: { id: string } }>('/debtors/:id', async (request, reply) => {
    const { data, language } = apiContext(request);
    const id = parseId(request.params.id);
    const debtor = data.debtors.find((d) => d.id === id);
    if (!debtor) return sendProblem(reply, 404, translate('notFound', language));
    return debtorToWire(debtor, baseUrl(request, settings));
  });

  app.post('/debtors', async (request, reply) => {
    const { data, language } = apiContext(request);
    const dryRun = validateOnly(request);
    if (!dryRun.ok) return sendValidationProblem(reply, dryRun.issues, language);
    const body = parseBody(DebtorBodySchema, request.body);
    if (!body.ok) return sendValidationProblem(reply, body.issues, language);
    const built = buildDebtor(body.value, data, toWireTimestamp(now()));
    if (!built.ok) return sendValidationProblem(reply, built.issues, language);
    const base = baseUrl(request, settings);
    if (dryRun.value) return reply.code(200).send(debtorToWire(built.value, base));
    const stored = commitDebtor(data, built.value);
    return reply
      .code(201)
      .header('location', `${base}/v1/debtors/${stored.id}`)
      .send(debtorToWire(stored, base));
  });

  app.put<{ Params: { id: string } }>('/debtors/:id', async (request, reply) => {
    const { data, language } = apiContext(request);
    const id = parseId(request.params.id);
    const existing = data.debtors.find((d) => d.id === id);
    if (!existing) return sendProblem(reply, 404, translate('notFound', language));
    const dryRun = validateOnly(request);
    if (!dryRun.ok) return sendValidationProblem(reply, dryRun.issues, language);
    const body = parseBody(DebtorBodySchema, request.body);
    if (!body.ok) return sendValidationProblem(reply, body.issues, language);
    const built = buildDebtor(body.value, data, toWireTimestamp(now()), existing);
    if (!built.ok) return sendValidationProblem(reply, built.issues, language);
    const base = baseUrl(request, settings);
    if (dryRun.value) return debtorToWire(built.value, base);
    return debtorToWire(replaceDebtor(data, built.value), base);
  });
}
