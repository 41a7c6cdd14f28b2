/**
 * Field rules through the admin API on a real Postgres, with the registry's real Shoprenter and
 * Asperion connectors: saved and validated (422 naming the rule), and dry-run on a pasted
 * Shoprenter webhook and on a received order, answering the Asperion request with nothing
 * written, published or sent.
 */
import { readFileSync } from 'node:fs';
import { createJourneyRepository, createPostgresDatabase } from '@koppel/db';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import { sql } from 'kysely';
import t from 'tap';
import { AUTH, newConnectionBody, setupAdmin } from './helpers.js';

const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
t.teardown(() => isolated.drop());
const { app, database } = await setupAdmin(t, {
  open: async () => createPostgresDatabase(isolated.url),
  connectors: null,
});

// The target's simulator, counting every request it gets: a dry run must send it none.
const sim = buildAsperionSimulator({ rateLimit: false });
let simRequests = 0;
sim.app.addHook('onRequest', async () => {
  simRequests += 1;
});
const simUrl = await sim.app.listen({ port: 0, host: '127.0.0.1' });
t.teardown(() => sim.app.close());

const fixture = readFileSync(
  new URL(
    '../../../../packages/connector-shoprenter/test/fixtures/shoprenter/person-order-eur.json',
    import.meta.url,
  ),
  'utf8',
);
const SECRET = 'asperion-client-secret-value';

const created = await app.inject({
  method: 'POST',
  url: '/admin/v1/connections',
  headers: AUTH,
  payload: newConnectionBody('tenant-mapping', {
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    rules: { valueMaps: { shippingMethodName: { PostNL: 'POST' } } },
    settings: {
      apiBaseUrl: simUrl,
      identityBaseUrl: simUrl,
      tenantId: 12345,
      revenueAccounts: [
        { vatRateBp: 2100, ledgerAccountId: 8000 },
        { vatRateBp: 900, ledgerAccountId: 8020 },
        { vatRateBp: 0, ledgerAccountId: 8030 },
      ],
      vatCodes: [
        { vatRateBp: 2100, vatCode: 'H' },
        { vatRateBp: 900, vatCode: 'L' },
        { vatRateBp: 0, vatCode: 'N' },
      ],
      shippingLedgerAccountId: 8010,
    },
    credentials: { clientId: 'koppel-dev', clientSecret: SECRET, refreshToken: 'refresh-token-1' },
    sourceSettings: { shopName: 'demo' },
  }),
});
if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
const connectionId = created.json<{ id: string }>().id;
const url = `/admin/v1/connections/${connectionId}/mapping-rules`;

const STORED_RULES = [{ target: 'orderNumber', expression: '"WEB-" & externalId' }];

t.test('rules are saved and read back; status filter and value maps stay', async (t) => {
  t.same((await app.inject({ url, headers: AUTH })).json(), { rules: [] }, 'none at first');
  const put = await app.inject({ method: 'PUT', url, headers: AUTH, payload: { rules: STORED_RULES } });
  t.equal(put.statusCode, 200);
  t.same((await app.inject({ url, headers: AUTH })).json(), { rules: STORED_RULES });
  const connection = await app.inject({ url: `/admin/v1/connections/${connectionId}`, headers: AUTH });
  t.same(connection.json<{ rules: unknown }>().rules, {
    valueMaps: { shippingMethodName: { PostNL: 'POST' } },
    fieldRules: STORED_RULES,
  });
});

t.test('invalid rules are refused with 422 naming the rule, and nothing is saved', async (t) => {
  const bad = await app.inject({
    method: 'PUT',
    url,
    headers: AUTH,
    payload: {
      rules: [
        { target: 'comment', expression: '"ok"' },
        { target: 'comment', expression: '$uppercase(customer.email' },
        { target: 'customer.company', expression: '"x"' },
      ],
    },
  });
  t.equal(bad.statusCode, 422);
  t.match(bad.headers['content-type'], /application\/problem\+json/);
  const problem = bad.json<{ code: string; field: string; details: { issues: { field: string }[] } }>();
  t.equal(problem.code, 'INVALID_MAPPING_RULE');
  t.equal(problem.field, 'body.rules[1].expression');
  t.same(
    problem.details.issues.map((issue) => issue.field),
    ['body.rules[1].expression', 'body.rules[2].target'],
  );
  const shape = await app.inject({
    method: 'PUT',
    url,
    headers: AUTH,
    payload: { rules: [{ target: 'comment' }] },
  });
  t.equal(shape.statusCode, 400, 'a rule without an expression is a 400');
  t.match(shape.json(), { field: 'body.rules[0].expression' });
  t.same((await app.inject({ url, headers: AUTH })).json(), { rules: STORED_RULES }, 'unchanged');
  const other = await app.inject({ url: '/admin/v1/connections/no-such/mapping-rules', headers: AUTH });
  t.equal(other.statusCode, 404);
});

/** A fingerprint of every table's rows, so a dry run can be shown to write nothing anywhere. */
async function databaseFingerprint(): Promise<string> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(database.db);
  const hashes: string[] = [];
  for (const { name } of tables.rows) {
    const row = await sql<{ hash: string | null }>`
      select md5(string_agg(t::text, '|' order by t::text)) as hash from ${sql.table(name)} t`.execute(
      database.db,
    );
    hashes.push(`${name}:${row.rows[0]?.hash ?? 'empty'}`);
  }
  return hashes.join('\n');
}

const DRAFT = [
  ...STORED_RULES,
  { target: 'lines[*].name', expression: '$uppercase(name)' },
  { target: 'shippingMethodName', expression: 'shippingMethodName & " (draft)"' },
];

t.test(
  'a dry run on a pasted Shoprenter webhook answers both Asperion requests and their diff',
  async (t) => {
    const before = await databaseFingerprint();
    const requestsBefore = simRequests;
    const res = await app.inject({
      method: 'POST',
      url: `${url}/dry-run`,
      headers: AUTH,
      payload: { rules: DRAFT, payload: { contentType: 'application/json', body: fixture } },
    });
    t.equal(res.statusCode, 200, 'answered 200');
    const result = res.json();
    t.match(result, {
      externalOrderId: '1043',
      source: 'payload',
      current: {
        outcome: 'prepared',
        request: { targetSystem: 'asperion', body: { description: /WEB-1043/ } },
      },
      draft: { outcome: 'prepared', request: { targetSystem: 'asperion' } },
    });
    const draftLines = result.draft.request.body.lines._data as { description: string }[];
    t.ok(
      draftLines.some((line) => line.description.includes('KOFFIEMOK')),
      'the draft upper-cases line names',
    );
    t.ok(
      (result.current.request.body.lines._data as { description: string }[]).some((l) =>
        l.description.includes('Koffiemok'),
      ),
      'the stored rules do not',
    );
    const paths = (result.diff as { path: string; kind: string }[]).map((change) => change.path);
    t.ok(paths.length > 0, `the diff lists ${paths.join(', ')}`);
    t.ok(
      paths.every((path) => path.startsWith('request.body.lines._data[')),
      'only line descriptions differ (orderNumber is in both; the shipping line keeps its name in Asperion)',
    );
    t.match(result.diff[0], { kind: 'changed', before: /Koffiemok/, after: /KOFFIEMOK/ });
    t.notMatch(res.body, SECRET, 'no credential in the answer');
    t.notMatch(res.body, 'refresh-token-1', 'no refresh token in the answer');

    t.equal(simRequests, requestsBefore, 'the target got no request');
    t.equal(await databaseFingerprint(), before, 'no table changed (bus_records, journey, connections...)');
  },
);

t.test('a dry run on a received order reads the payload its journey stored', async (t) => {
  const journey = createJourneyRepository(database.db);
  const order = JSON.parse(fixture).orders.order[0];
  await journey.record(connectionId, '1043', 'received', {
    eventType: 'order_confirm',
    sourcePayload: order,
  });
  const before = await databaseFingerprint();
  const res = await app.inject({
    method: 'POST',
    url: `${url}/dry-run`,
    headers: AUTH,
    payload: {
      rules: [{ target: 'customer.email', expression: '"not-an-address"' }],
      externalOrderId: '1043',
    },
  });
  t.equal(res.statusCode, 200, 'answered 200');
  t.match(res.json(), {
    source: 'journey',
    eventType: 'order_confirm',
    current: { outcome: 'prepared' },
    draft: {
      outcome: 'rule_failed',
      field: 'rules.fieldRules[0].expression',
      reason: /customer.email "not-an-address" is not an e-mail/,
    },
    diff: [{ path: 'outcome', kind: 'changed', before: 'prepared', after: 'rule_failed' }],
  });
  t.equal(await databaseFingerprint(), before, 'nothing written');

  const missing = await app.inject({
    method: 'POST',
    url: `${url}/dry-run`,
    headers: AUTH,
    payload: { rules: [], externalOrderId: '9999' },
  });
  t.equal(missing.statusCode, 404);
  t.match(missing.json(), { field: 'body.externalOrderId' });
});

t.test('a dry run refuses invalid drafts and undecodable payloads, naming the field', async (t) => {
  const draft = await app.inject({
    method: 'POST',
    url: `${url}/dry-run`,
    headers: AUTH,
    payload: { rules: [{ target: 'lines[*].sku', expression: 'sku &' }], externalOrderId: '1043' },
  });
  t.equal(draft.statusCode, 422);
  t.match(draft.json(), { code: 'INVALID_MAPPING_RULE', field: 'body.rules[0].expression' });
  const garbage = await app.inject({
    method: 'POST',
    url: `${url}/dry-run`,
    headers: AUTH,
    payload: { rules: [], payload: { contentType: 'application/json', body: '{"orders": ' } },
  });
  t.equal(garbage.statusCode, 422);
  t.equal(garbage.json().field, 'body.payload.body', 'the pasted body, not body.payload.body.body');
  const plain = await app.inject({
    method: 'POST',
    url: `${url}/dry-run`,
    headers: AUTH,
    payload: { rules: [], payload: { contentType: 'text/plain', body: fixture } },
  });
  t.equal(plain.statusCode, 422, 'a content type the shop never sends is the payload at fault');
  t.equal(plain.json().field, 'body.payload.contentType', 'the pasted content type names its field');
  const noOrders = await app.inject({
    method: 'POST',
    url: `${url}/dry-run`,
    headers: AUTH,
    payload: { rules: [], payload: { contentType: 'application/json', body: '{}' } },
  });
  t.equal(noOrders.statusCode, 422);
  t.equal(noOrders.json().field, 'body.payload.body.orders', 'a path inside the pasted body');
  const neither = await app.inject({
    method: 'POST',
    url: `${url}/dry-run`,
    headers: AUTH,
    payload: { rules: [] },
  });
  t.equal(neither.statusCode, 400);
  t.match(neither.json(), { field: 'body.externalOrderId' });
});
