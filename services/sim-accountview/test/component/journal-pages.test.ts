import t from 'tap';
import { debtorBody, startSimulator } from '../helpers.js';

/** DJ2 body with the DJ_PAGE / DJ_LINE fields AV-PAS `CreateInvoice` sends (notes §2.6). */
function invoice(options: { invNr?: string; gross?: boolean; lines: [string, number, string][] }) {
  const header: [string, string, unknown][] = [
    ['RowId', 'C', '1'],
    ['DJ_CODE', 'C', '70'],
    ['SUB_NR', 'C', '10045'],
    ['TRN_DATE', 'T', '2025-03-01T00:00:00.000Z'],
    ['HDR_DESC', 'C', 'Webshop order WEB-10023'],
    ['GROSS_FLG', 'L', options.gross ?? false],
    ['CUR_CODE', 'C', 'EUR'],
    ['CRED_DAYS', 'N', 14],
  ];
  if (options.invNr) header.push(['INV_NR', 'C', options.invNr]);
  return {
    BookDate: '2025-03-01T10:00:00.000Z',
    BusinessObject: 'DJ2',
    Table: {
      Definition: { Name: 'DJ_PAGE', Fields: header.map(([Name, FieldType]) => ({ Name, FieldType })) },
      DetailDefinitions: [
        {
          Name: 'DJ_LINE',
          Fields: [
            { Name: 'RowId', FieldType: 'C' },
            { Name: 'HeaderId', FieldType: 'C' },
            { Name: 'ACCT_NR', FieldType: 'C' },
            { Name: 'TRN_DESC', FieldType: 'C' },
            { Name: 'AMOUNT', FieldType: 'N' },
            { Name: 'VAT_CODE', FieldType: 'C' },
          ],
        },
      ],
    },
    TableData: {
      Data: { Rows: [{ Values: header.map(([, , v]) => v) }] },
      DetailData: [
        {
          Rows: options.lines.map(([acct, amount, vat], i) => ({
            Values: [String(i + 1), '1', acct, `regel ${i + 1}`, amount, vat],
          })),
        },
      ],
    },
  };
}

t.test('a net invoice gets VAT per line (half up) and the debtor counter-posting', async (t) => {
  const { app, post, get } = await startSimulator();
  t.teardown(() => app.close());
  await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen BV' }));
  // Notes §5 example: 37.50 + 12.50 at 21 % -> per line 7.88 + 2.63.
  const res = await post(
    invoice({
      invNr: 'F2025-001',
      lines: [
        ['8000', 37.5, '2'],
        ['8000', 12.5, '2'],
      ],
    }),
  );
  t.equal(res.statusCode, 200);
  const body = res.json() as { DJ_PAGE: Record<string, unknown>[]; DJ_LINE: Record<string, unknown>[] };
  t.match(body.DJ_PAGE, [
    {
      INV_NR: 'F2025-001',
      DJ_CODE: '70',
      SUB_NR: '10045',
      PERIOD: 3,
      GROSS_FLG: false,
      INV_AMT: 60.51,
      DJ_PAGE_Id: Number,
    },
  ]);
  t.match(body.DJ_LINE, [
    { ACCT_NR: '8000', AMOUNT: 37.5, VAT_AMT: 7.88, INV_NR: 'F2025-001' },
    { ACCT_NR: '8000', AMOUNT: 12.5, VAT_AMT: 2.63 },
    { ACCT_NR: '1300', AMOUNT: -60.51, GENERATED: true },
  ]);
  const found = await get({
    BusinessObject: 'DJ2',
    FilterControlSource1: 'INV_NR',
    FilterValue1: 'F2025-001',
  });
  t.equal(found.json().DJ_PAGE.length, 1, 'AV-PAS dedup lookup on INV_NR finds it');
  t.equal(found.json().DJ_LINE.length, 3);
  const viaDj2p = await get({ BusinessObject: 'DJ2P' });
  t.equal(viaDj2p.json().DJ_PAGE.length, 1, 'DJ2P reads the same pages');

  const dup = await post(invoice({ invNr: 'F2025-001', lines: [['8000', 10, '2']] }));
  t.equal(dup.statusCode, 400);
  t.equal(dup.json().ErrorMessage, 'DJ_PAGE.INV_NR: invoice F2025-001 already exists in daybook 70');
});

t.test(
  'a gross invoice extracts the VAT from the amount; numbers are assigned when INV_NR is absent',
  async (t) => {
    const { app, post } = await startSimulator();
    t.teardown(() => app.close());
    await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen BV' }));
    const res = await post(
      invoice({
        gross: true,
        lines: [
          ['8000', 121, '2'],
          ['8020', 10.9, '1'],
        ],
      }),
    );
    t.equal(res.statusCode, 200);
    t.match(res.json().DJ_PAGE, [{ INV_NR: '25000001', GROSS_FLG: true, INV_AMT: 131.9 }]);
    t.match(res.json().DJ_LINE, [{ VAT_AMT: 21 }, { VAT_AMT: 0.9 }, { AMOUNT: -131.9 }]);
    const next = await post(invoice({ lines: [['8000', 1, '0']] }));
    t.equal(next.json().DJ_PAGE[0].INV_NR, '25000002');
  },
);

t.test('journal page validation', async (t) => {
  const { app, post } = await startSimulator();
  t.teardown(() => app.close());
  await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen BV' }));
  const unknownVat = await post(invoice({ lines: [['8000', 10, 'X9']] }));
  t.equal(unknownVat.statusCode, 400);
  t.equal(unknownVat.json().ErrorMessage, 'DJ_LINE row 1: VAT_CODE X9 does not exist');
  const noAcct = await post(invoice({ lines: [['', 10, '2']] }));
  t.equal(noAcct.json().ErrorMessage, 'DJ_LINE row 1: ACCT_NR (ledger account) is required');
  const badDaybook = invoice({ lines: [['8000', 10, '2']] });
  (badDaybook.TableData.Data.Rows[0] as { Values: unknown[] }).Values[1] = '99';
  t.equal((await post(badDaybook)).json().ErrorMessage, 'DJ_PAGE.DJ_CODE: daybook 99 does not exist');
  const badDebtor = invoice({ lines: [['8000', 10, '2']] });
  (badDebtor.TableData.Data.Rows[0] as { Values: unknown[] }).Values[2] = '424242';
  t.equal((await post(badDebtor)).json().ErrorMessage, 'DJ_PAGE.SUB_NR: debtor 424242 does not exist');
});

t.test(
  'reference data: VA1 VAT codes, DJ1 daybooks with the Verkoopboek, business object list',
  async (t) => {
    const { app, get, headers } = await startSimulator();
    t.teardown(() => app.close());
    const daybook = await get({ BusinessObject: 'DJ1', Filter: "daily.dj_name='Verkoopboek'" });
    t.match(daybook.json().DAILY, [{ DJ_CODE: '70', DJ_NAME: 'Verkoopboek' }]);
    const vat = await get({
      BusinessObject: 'VA1',
      FilterControlSource1: 'IS_REVERSE',
      FilterValueType1: 'L',
      FilterValue1: 'true',
    });
    t.match(vat.json().VAT, [{ VAT_CODE: '3', VAT_PCT: 0, IS_REVERSE: true }]);
    const objects = await app.inject({ url: '/api/v3/AccountViewSystemBusinessObjects', headers });
    t.equal(objects.statusCode, 200, 'paths are case-insensitive');
    t.match(objects.json(), [
      { Code: 'AR1', InsertAllowed: true, UpdateAllowed: true, DeleteAllowed: false },
    ]);
    t.ok(
      (objects.json() as { Code: string; UpdateAllowed: boolean }[]).some(
        (o) => o.Code === 'DJ2' && !o.UpdateAllowed,
      ),
    );
  },
);
