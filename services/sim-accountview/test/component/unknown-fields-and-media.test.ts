import t from 'tap';
import { COMPANY_ID, debtorBody, seedShop, startSimulator } from '../helpers.js';

const errorBody = (message: RegExp | string) => ({
  ErrorType: 'AccountViewError',
  ErrorNumbers: null,
  ErrorMessage: message,
});

t.test(
  'POST with an unknown header field: 400 naming it, nothing stored (README "Status codes")',
  async (t) => {
    const { app, post, control } = await startSimulator();
    t.teardown(() => app.close());
    const res = await post(debtorBody({ ACCT_NAME: 'Probe BV', FOO_BAR: 'x' } as never));
    t.equal(res.statusCode, 400);
    t.same(res.json(), errorBody('Table CONTACT: unknown field CONTACT.FOO_BAR'));
    const debtors = await control('GET', '/companies/default/debtors');
    t.same(debtors.json().CONTACT, [], 'the failed write stored nothing');
  },
);

t.test('POST with an unknown detail field: 400 naming table and field', async (t) => {
  const { app, post, control } = await startSimulator();
  t.teardown(() => app.close());
  await seedShop(control);
  const res = await post({
    BusinessObject: 'SO1',
    Table: {
      Definition: {
        Name: 'SO_HDR',
        Fields: [
          { Name: 'RowId', FieldType: 'C' },
          { Name: 'RPL_INV', FieldType: 'C' },
        ],
      },
      DetailDefinitions: [
        {
          Name: 'SO_LINE',
          Fields: [
            { Name: 'RowId', FieldType: 'C' },
            { Name: 'HeaderId', FieldType: 'C' },
            { Name: 'ART_CODE', FieldType: 'C' },
            { Name: 'ORD_QTY', FieldType: 'N' },
            { Name: 'art_prijs', FieldType: 'N' },
          ],
        },
      ],
    },
    TableData: {
      Data: { Rows: [{ Values: ['1', '10045'] }] },
      DetailData: [{ Rows: [{ Values: ['1', '1', 'TSHIRT-RED-M', 1, 25] }] }],
    },
  });
  t.equal(res.statusCode, 400);
  t.same(res.json(), errorBody('Table SO_LINE: unknown field SO_LINE.ART_PRIJS'));
});

t.test('known fields from AV-GO and the notes are still accepted, in any case', async (t) => {
  const { app, post } = await startSimulator();
  t.teardown(() => app.close());
  const res = await post(
    debtorBody({ ACCT_NAME: 'Jansen BV', MAIL_BUS: 'a@b.example', vat_nr: 'NL1', Tel_Mob: '06' } as never),
  );
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { CONTACT: [{ VAT_NR: 'NL1', TEL_MOB: '06' }] });
});

t.test('a filter on an unknown field: 400 naming it, not an empty list', async (t) => {
  const { app, get, control } = await startSimulator();
  t.teardown(() => app.close());
  await seedShop(control);
  const numbered = await get({
    BusinessObject: 'AR1',
    FilterControlSource1: 'MAIL_BSU',
    FilterOperator1: 'Equal',
    FilterValueType1: 'C',
    FilterValue1: 'info@jansen.example',
  });
  t.equal(numbered.statusCode, 400);
  t.same(numbered.json(), errorBody('Filter on unknown field CONTACT.MAIL_BSU'));
  const expression = await get({ BusinessObject: 'AR1', Filter: "contact.nope_fld='x'" });
  t.equal(expression.statusCode, 400);
  t.same(expression.json(), errorBody('Filter on unknown field CONTACT.NOPE_FLD'));
  const known = await get({
    BusinessObject: 'AR1',
    FilterControlSource1: 'mail_bus',
    FilterValue1: 'nobody@x',
  });
  t.equal(known.statusCode, 200, 'a known field that matches nothing is still an empty list');
  t.same(known.json(), { CONTACT: [], USR_LINK: [] });
  const seeded = await get({ BusinessObject: 'AK1', FilterControlSource1: 'VAT_CODE', FilterValue1: '2' });
  t.equal(seeded.statusCode, 200);
  t.equal(seeded.json().ARTICLE.length, 2);
});

t.test('a write with a non-JSON Content-Type: 415, as for XML', async (t) => {
  const { app, headers, tokens } = await startSimulator();
  t.teardown(() => app.close());
  for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) {
    for (const method of ['POST', 'PUT'] as const) {
      const res = await app.inject({
        method,
        url: '/api/v3/accountviewdata',
        headers: { ...headers, 'content-type': type },
        payload: 'BusinessObject=AR1',
      });
      t.equal(res.statusCode, 415, `${method} ${type}`);
      t.match(res.json(), errorBody(/^Unsupported Media Type/));
    }
  }
  const json = await app.inject({
    method: 'POST',
    url: '/api/v3/accountviewdata',
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    payload: JSON.stringify(debtorBody({ ACCT_NAME: 'Jansen BV' })),
  });
  t.equal(json.statusCode, 200, 'JSON with a charset still works');
  const token = await app.inject({
    method: 'POST',
    url: '/api/v3/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-company': COMPANY_ID },
    payload: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: 'koppel-sandbox',
      client_secret: 'sandbox-secret',
    }).toString(),
  });
  t.equal(token.statusCode, 200, 'the token endpoint still takes a form');
});
