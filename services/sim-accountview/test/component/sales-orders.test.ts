import t from 'tap';
import { seedShop, startSimulator } from '../helpers.js';

/** The composed SO1 example of notes §2.5, verbatim. */
const exampleOrder = () => ({
  BookDate: '2025-03-01T10:00:00.000Z',
  BusinessObject: 'SO1',
  Table: {
    Definition: {
      Name: 'SO_HDR',
      Fields: [
        { Name: 'RowId', FieldType: 'C' },
        { Name: 'ORD_DATE', FieldType: 'T' },
        { Name: 'RPL_INV', FieldType: 'C' },
        { Name: 'RPL_DEL', FieldType: 'C' },
        { Name: 'COMMENT1', FieldType: 'C' },
        { Name: 'TO_EMAIL', FieldType: 'C' },
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
          { Name: 'ART_PX', FieldType: 'N' },
        ],
      },
    ],
  },
  TableData: {
    Data: {
      Rows: [{ Values: ['1', '2025-03-01T10:00:00.000Z', '10045', '10045', 'WEB-10023', 'a@b.example'] }],
    },
    DetailData: [
      {
        Rows: [{ Values: ['1', '1', 'TSHIRT-RED-M', 2, 25.0] }, { Values: ['2', '1', 'SHIP', 1, 5.0] }],
      },
    ],
  },
});

type Order = ReturnType<typeof exampleOrder>;
const hdr = (o: Order): unknown[] => {
  const row = o.TableData.Data.Rows[0];
  if (!row) throw new Error('example order has no header row');
  return row.Values;
};
const line = (o: Order, index: number): unknown[] => {
  const row = o.TableData.DetailData[0]?.Rows[index];
  if (!row) throw new Error(`example order has no line ${index}`);
  return row.Values;
};

t.test('creates the documented SO1 example and finds it again by COMMENT1', async (t) => {
  const { app, post, get, control } = await startSimulator({ now: () => new Date('2025-03-01T11:00:00Z') });
  t.teardown(() => app.close());
  await seedShop(control);
  const created = await post(exampleOrder());
  t.equal(created.statusCode, 200);
  const body = created.json() as { SO_HDR: Record<string, unknown>[]; SO_LINE: Record<string, unknown>[] };
  t.match(body.SO_HDR, [
    {
      ORD_NR: '20250001',
      RPL_INV: '10045',
      RPL_DEL: '10045',
      COMMENT1: 'WEB-10023',
      TO_EMAIL: 'a@b.example',
      ORD_DATE: '2025-03-01T10:00:00',
      ORD_AMT: 55,
      SO_HDR_Id: Number,
    },
  ]);
  t.match(body.SO_LINE, [
    {
      ORD_NR: '20250001',
      LINE_NR: 1,
      ART_CODE: 'TSHIRT-RED-M',
      ORD_QTY: 2,
      ART_PX: 25,
      LINE_AMT: 50,
      ART_DESC1: 'T-shirt red M',
    },
    { ORD_NR: '20250001', LINE_NR: 2, ART_CODE: 'SHIP', ORD_QTY: 1, ART_PX: 5, LINE_AMT: 5 },
  ]);

  const second = await post(exampleOrder());
  t.equal(second.json().SO_HDR[0].ORD_NR, '20250002', 'orders are numbered by the server');

  const found = await get({
    BusinessObject: 'SO1',
    FilterControlSource1: 'COMMENT1',
    FilterOperator1: 'Equal',
    FilterValueType1: 'C',
    FilterValue1: 'WEB-10023',
  });
  t.equal(found.statusCode, 200);
  const rows = found.json() as { SO_HDR: { ORD_NR: string }[]; SO_LINE: { ORD_NR: string }[] };
  t.equal(rows.SO_HDR.length, 2, 'COMMENT1 is not unique: a blind retry duplicates, as for real');
  t.equal(rows.SO_LINE.length, 4, 'detail lines of the selected headers come along');
  const none = await get({ BusinessObject: 'SO1', Filter: "so_hdr.comment1='WEB-99999'" });
  t.same(none.json(), { SO_HDR: [], SO_LINE: [] });
});

t.test('sales order validation: debtor, article, quantity, lines, HeaderId, delivery address', async (t) => {
  const { app, post, get, control } = await startSimulator();
  t.teardown(() => app.close());
  await seedShop(control);
  const cases: [string, (o: ReturnType<typeof exampleOrder>) => void, string][] = [
    ['unknown debtor', (o) => (hdr(o)[2] = '99999'), 'SO_HDR.RPL_INV: debtor 99999 does not exist'],
    ['missing debtor', (o) => (hdr(o)[2] = ''), 'SO_HDR.RPL_INV (invoice debtor) is required'],
    ['unknown article', (o) => (line(o, 1)[2] = 'NOPE'), 'SO_LINE row 2: article NOPE does not exist'],
    ['zero quantity', (o) => (line(o, 0)[3] = 0), 'SO_LINE row 1: ORD_QTY is required and cannot be 0'],
    [
      'no lines',
      (o) => (o.TableData.DetailData = [{ Rows: [] }]),
      'SO_LINE: a sales order needs at least one line',
    ],
    ['orphan line', (o) => (line(o, 0)[1] = '7'), 'Detail row 1: HeaderId 7 matches no header RowId'],
    [
      'text quantity',
      (o) => (line(o, 0)[3] = 'two'),
      'Field SO_LINE.ORD_QTY: value "two" does not match field type N',
    ],
    [
      'bad date',
      (o) => (hdr(o)[1] = '2025-02-30'),
      'Field SO_HDR.ORD_DATE: value "2025-02-30" does not match field type T',
    ],
    // A huge number used to be stored and answered as LINE_AMT/ORD_AMT null (JSON of Infinity).
    [
      'huge quantity',
      (o) => (line(o, 0)[3] = 1e300),
      `Field SO_LINE.ORD_QTY: value ${'1'.padEnd(40, '0')}… is out of range (at most 15 digits before the decimal point)`,
    ],
    [
      'line amount past the range',
      (o) => {
        line(o, 0)[3] = 999_999_999;
        line(o, 0)[4] = 999_999_999;
      },
      'Field SO_LINE.LINE_AMT (row 1): value 999999998000000001 is out of range (at most 15 digits before the decimal point)',
    ],
  ];
  for (const [name, change, message] of cases) {
    const order = exampleOrder();
    change(order);
    const res = await post(order);
    t.equal(res.statusCode, 400, name);
    t.equal(res.json().ErrorMessage, message, name);
  }
  const withDelCode = exampleOrder();
  withDelCode.Table.Definition.Fields.push({ Name: 'DEL_CODE', FieldType: 'C' });
  hdr(withDelCode).push('0000009999');
  const badAddress = await post(withDelCode);
  t.equal(badAddress.statusCode, 400);
  t.match(badAddress.json().ErrorMessage, /SO_HDR.DEL_CODE: delivery address 0000009999 does not exist/);
  t.same((await get({ BusinessObject: 'SO1' })).json().SO_HDR, [], 'nothing stored by failed posts');
});

t.test('open sales orders reserve stock: AK1 QTY_AVAIL = stock over warehouses minus ordered', async (t) => {
  const { app, post, get, control } = await startSimulator();
  t.teardown(() => app.close());
  await seedShop(control);
  const before = await get({
    BusinessObject: 'AK1',
    FilterControlSource1: 'ART_CODE',
    FilterValue1: 'TSHIRT-RED-M',
  });
  t.match(before.json().ARTICLE, [
    { ART_CODE: 'TSHIRT-RED-M', QTY_TECH: 12.5, QTY_AVAIL: 12.5, PX_SELL: 25 },
  ]);
  await post(exampleOrder());
  const after = await get({
    BusinessObject: 'AK1',
    FilterControlSource1: 'ART_CODE',
    FilterValue1: 'TSHIRT-RED-M',
  });
  t.match(after.json().ARTICLE, [{ QTY_TECH: 12.5, QTY_AVAIL: 10.5 }]);

  const changed = await get({
    BusinessObject: 'AK1',
    FilterControlSource1: 'CNG_DATE',
    FilterOperator1: 'DateOnOrAfterDate',
    FilterValueType1: 'T',
    FilterValue1: '{^2025-03-02 00:00:00}',
  });
  t.same(
    (changed.json().ARTICLE as { ART_CODE: string }[]).map((a) => a.ART_CODE).sort(),
    ['SHIP', 'TSHIRT-RED-M'],
    'the stock update stamped CNG_DATE with now; SHIP changed on 2025-03-02',
  );
});
