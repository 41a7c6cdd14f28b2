import t from 'tap';
import { debtorBody, startSimulator } from '../helpers.js';

/** AV-PAS create body (notes §2.4): RowId, SUB_NR, ACCT_NR, SRC_CODE, ACCT_NAME, address, contact. */
const avPasDebtor = {
  BookDate: '2025-03-01T10:00:00.000Z',
  BusinessObject: 'AR1',
  Table: {
    Definition: {
      Name: 'CONTACT',
      Fields: [
        'RowId',
        'SUB_NR',
        'ACCT_NR',
        'SRC_CODE',
        'ACCT_NAME',
        'ADDRESS1',
        'POST_CODE',
        'CITY',
        'CNT_CODE',
        'TEL_BUS',
        'MAIL_BUS',
      ].map((Name) => ({ Name, FieldType: 'C' })),
    },
  },
  TableData: {
    Data: {
      Rows: [
        {
          Values: [
            '1',
            '10045',
            '1300',
            'JANSEN',
            'Jansen BV',
            'Dorpsstraat 1',
            '1234 AB',
            'Utrecht',
            'nl',
            '030-1234567',
            'info@jansen.example',
          ],
        },
      ],
    },
  },
};

t.test('creates a debtor (AV-PAS body) and reads it back by MAIL_BUS filter (AV-PHP lookup)', async (t) => {
  const { app, post, get } = await startSimulator({ now: () => new Date('2025-03-01T10:00:00Z') });
  t.teardown(() => app.close());
  const created = await post(avPasDebtor);
  t.equal(created.statusCode, 200);
  const body = created.json() as { CONTACT: Record<string, unknown>[] };
  t.equal(body.CONTACT.length, 1);
  t.match(body.CONTACT[0], {
    SUB_NR: '10045',
    ACCT_NR: '1300',
    ACCT_NAME: 'Jansen BV',
    CNT_CODE: 'NL',
    REC_ID: /^\d{10}$/,
    CONTACT_Id: Number,
    CUR_CODE: 'EUR',
    REC_BLK: false,
    INP_DATE: '2025-03-01T10:00:00',
  });

  const found = await get({
    BusinessObject: 'AR1',
    PageSize: '1',
    FilterControlSource1: 'MAIL_BUS',
    FilterOperator1: 'Equal',
    FilterValueType1: 'C',
    FilterValue1: 'info@jansen.example',
    FilterIsListOfValues1: 'false',
  });
  t.equal(found.statusCode, 200);
  const rows = found.json() as { CONTACT: { SUB_NR: string; POST_CODE: string }[]; USR_LINK: unknown[] };
  t.equal(rows.CONTACT.length, 1);
  t.equal(rows.CONTACT[0]?.SUB_NR, '10045');
  t.equal(rows.CONTACT[0]?.POST_CODE, '1234 AB');
  t.same(rows.USR_LINK, [], 'AR1 answers USR_LINK as an (empty) array too');

  const miss = await get({
    BusinessObject: 'AR1',
    FilterControlSource1: 'MAIL_BUS',
    FilterValue1: 'INFO@jansen.example',
  });
  t.same(
    miss.json().CONTACT,
    [],
    'character filters are case-sensitive; no match is 200 with an empty array',
  );
});

t.test('lower-case member names (AV-PHP) and auto-numbering when SUB_NR is absent', async (t) => {
  const { app, post, get } = await startSimulator();
  t.teardown(() => app.close());
  const lower = {
    bookdate: '2025-03-01T10:00:00.000Z',
    businessobject: 'ar1',
    table: {
      definition: {
        name: 'contact',
        fields: [{ name: 'RowId' }, { name: 'acct_name' }, { name: 'Mail_Bus' }],
      },
    },
    tabledata: { data: { rows: [{ values: ['1', 'Petra de Vries', 'petra@devries.example'] }] } },
  };
  const first = await post(lower);
  t.equal(first.statusCode, 200);
  t.equal(first.json().CONTACT[0].SUB_NR, '10001', 'first auto number');
  t.equal(first.json().CONTACT[0].MAIL_BUS, 'petra@devries.example');
  await post(debtorBody({ SUB_NR: '10500', ACCT_NAME: 'Hoog Nummer BV' }));
  const next = await post(debtorBody({ ACCT_NAME: 'Volgende BV' }));
  t.equal(next.json().CONTACT[0].SUB_NR, '10501', 'continues after the highest numeric SUB_NR');
  const all = await get({ BusinessObject: 'AR1', Fields: 'contact.sub_nr,contact.acct_name' });
  t.same(all.json().CONTACT, [
    { SUB_NR: '10001', ACCT_NAME: 'Petra de Vries' },
    { SUB_NR: '10500', ACCT_NAME: 'Hoog Nummer BV' },
    { SUB_NR: '10501', ACCT_NAME: 'Volgende BV' },
  ]);
});

t.test('missing required fields and malformed bodies answer 400 naming the field', async (t) => {
  const { app, post, get } = await startSimulator();
  t.teardown(() => app.close());
  const noName = await post(debtorBody({ ACCT_NAME: '', MAIL_BUS: 'x@y.example' }));
  t.equal(noName.statusCode, 400);
  t.same(noName.json(), {
    ErrorType: 'AccountViewError',
    ErrorNumbers: null,
    ErrorMessage: 'CONTACT.ACCT_NAME (company or person name) is required',
  });
  const { BusinessObject: _omit, ...noBo } = debtorBody({ ACCT_NAME: 'X' });
  const missingBo = await post(noBo);
  t.equal(missingBo.statusCode, 400);
  t.match(missingBo.json().ErrorMessage, /businessobject/);
  const shortRow = debtorBody({ ACCT_NAME: 'X' });
  shortRow.TableData.Data.Rows[0]?.Values.pop();
  const short = await post(shortRow);
  t.equal(short.statusCode, 400);
  t.equal(short.json().ErrorMessage, 'Table CONTACT row 1: 1 values for 2 fields');
  const wrongTable = await post({ ...debtorBody({ ACCT_NAME: 'X' }), BusinessObject: 'SO1' });
  t.equal(wrongTable.statusCode, 400);
  t.match(wrongTable.json().ErrorMessage, /Table CONTACT does not belong to business object SO1/);
  const unknownBo = await get({ BusinessObject: 'SI1' });
  t.equal(unknownBo.statusCode, 400);
  t.equal(unknownBo.json().ErrorMessage, "Unknown business object 'SI1'");
  const noBoParam = await get({ PageSize: '10' });
  t.equal(noBoParam.statusCode, 400);
  t.match(noBoParam.json().ErrorMessage, /BusinessObject is required/);

  await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen BV' }));
  const dup = await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Ander BV' }));
  t.equal(dup.statusCode, 400);
  t.equal(dup.json().ErrorMessage, 'CONTACT.SUB_NR: debtor 10045 already exists');
  const list = await get({ BusinessObject: 'AR1' });
  t.equal(list.json().CONTACT.length, 1, 'failed posts store nothing');
});

t.test('PUT updates a debtor found by id; SUB_NR cannot change; DJ2 has no PUT', async (t) => {
  const { app, post, get } = await startSimulator();
  t.teardown(() => app.close());
  const created = (
    await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen BV', MAIL_BUS: 'old@jansen.example' }))
  ).json().CONTACT[0] as { CONTACT_Id: number };
  const update = {
    ...debtorBody({ MAIL_BUS: 'new@jansen.example', ACCT_NAME: 'Jansen B.V.' }),
    id: created.CONTACT_Id,
  };
  const put = await post(update, 'PUT');
  t.equal(put.statusCode, 200);
  t.match(put.json().CONTACT[0], {
    SUB_NR: '10045',
    ACCT_NAME: 'Jansen B.V.',
    MAIL_BUS: 'new@jansen.example',
  });
  const bySubNr = await post({ ...debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen Holding' }) }, 'PUT');
  t.equal(bySubNr.json().CONTACT[0].MAIL_BUS, 'new@jansen.example', 'fields not sent keep their value');
  const renumber = await post({ ...debtorBody({ SUB_NR: '99999', ACCT_NAME: 'X' }), id: '10045' }, 'PUT');
  t.equal(renumber.statusCode, 400);
  t.equal(renumber.json().ErrorMessage, 'CONTACT.SUB_NR cannot be changed');
  const missing = await post({ ...debtorBody({ ACCT_NAME: 'X' }), id: '77777' }, 'PUT');
  t.equal(missing.statusCode, 404);
  const dj2 = await post({ ...debtorBody({ ACCT_NAME: 'X' }), BusinessObject: 'DJ2' }, 'PUT');
  t.equal(dj2.statusCode, 405);
  t.equal(dj2.json().ErrorMessage, 'Update is not allowed for business object DJ2');
  const read = await get({ BusinessObject: 'AR1', Filter: "contact.sub_nr='10045'" });
  t.equal(read.json().CONTACT[0].ACCT_NAME, 'Jansen Holding');
});

t.test('delivery addresses (ADDR) belong to an existing debtor', async (t) => {
  const { app, post, get } = await startSimulator();
  t.teardown(() => app.close());
  await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen BV' }));
  const addr = (subNr: string) => ({
    BookDate: '2025-03-01T10:00:00.000Z',
    BusinessObject: 'ADDR',
    Table: {
      Definition: {
        Name: 'DEL_ADDR',
        Fields: ['RowId', 'SUB_NR', 'DEL_NAME', 'ADDRESS1', 'POST_CODE', 'CITY', 'CNT_CODE'].map((Name) => ({
          Name,
          FieldType: 'C',
        })),
      },
    },
    TableData: {
      Data: { Rows: [{ Values: ['1', subNr, 'Magazijn Jansen', 'Havenweg 9', '3542 AB', 'Utrecht', 'NL'] }] },
    },
  });
  const created = await post(addr('10045'));
  t.equal(created.statusCode, 200);
  t.match(created.json().DEL_ADDR[0], { SUB_NR: '10045', DEL_NAME: 'Magazijn Jansen', REC_ID: /^\d{10}$/ });
  const orphan = await post(addr('55555'));
  t.equal(orphan.statusCode, 400);
  t.equal(orphan.json().ErrorMessage, 'DEL_ADDR.SUB_NR: debtor 55555 does not exist');
  const list = await get({ BusinessObject: 'ADDR', FilterControlSource1: 'SUB_NR', FilterValue1: '10045' });
  t.equal(list.json().DEL_ADDR.length, 1);
});
