import t from 'tap';
import { coerceValue, parseDateTime } from '../../src/domain/field-values.js';
import { parsePostBody } from '../../src/domain/post-payload.js';

t.test('parseDateTime takes ISO with zone (dropped) and FoxPro literals', async (t) => {
  t.equal(parseDateTime('2025-03-01T10:00:00.000Z'), '2025-03-01T10:00:00');
  t.equal(
    parseDateTime('2025-03-01T10:00:00+01:00'),
    '2025-03-01T10:00:00',
    'local time kept, not converted',
  );
  t.equal(parseDateTime('{^2025-03-01}'), '2025-03-01T00:00:00');
  t.equal(parseDateTime('{^2025-03-01 10:00:00}'), '2025-03-01T10:00:00');
  t.equal(parseDateTime('2025-02-29'), undefined, 'not a leap year');
  t.equal(parseDateTime('01-03-2025'), undefined);
});

t.test('coerceValue per FieldType', async (t) => {
  t.equal(coerceValue(25.0, 'N', 'X'), '25');
  t.equal(coerceValue('', 'N', 'X'), '0');
  t.equal(coerceValue(3, 'I', 'X'), '3');
  t.throws(() => coerceValue(3.5, 'I', 'X'), { name: 'AccountViewError', message: /field type I/ });
  t.equal(coerceValue('.T.', 'L', 'X'), true);
  t.equal(coerceValue('false', 'L', 'X'), false);
  t.equal(coerceValue(10045, 'C', 'X'), '10045');
  t.equal(coerceValue('2025-03-01T10:00:00.000Z', 'D', 'X'), '2025-03-01');
  t.equal(coerceValue('', 'T', 'X'), null);
  t.equal(coerceValue(null, 'N', 'X'), null);
  t.equal(coerceValue('-999999999999999.99', 'N', 'X'), '-999999999999999.99', '15 integer digits fit');
  t.throws(() => coerceValue(1e16, 'N', 'DJ_LINE.AMOUNT'), {
    message: /DJ_LINE.AMOUNT: value 10000000000000000 is out of range/,
  });
  t.throws(() => coerceValue('1234567890123456', 'I', 'X'), { message: /out of range/ });
  t.throws(() => coerceValue('yes', 'L', 'SO_HDR.FLAG'), {
    message: 'Field SO_HDR.FLAG: value "yes" does not match field type L',
  });
});

t.test('parsePostBody: positional values, case-insensitive members, RowId/HeaderId split off', async (t) => {
  const parsed = parsePostBody({
    BUSINESSOBJECT: 'SO1',
    table: {
      Definition: { NAME: 'so_hdr', Fields: [{ Name: 'RowId' }, { name: 'Comment1', FIELDTYPE: 'c' }] },
      detailDefinitions: [
        {
          name: 'so_line',
          fields: [{ name: 'RowId' }, { name: 'HeaderId' }, { name: 'ord_qty', fieldType: 'N' }],
        },
      ],
    },
    TableData: {
      Data: { Rows: [{ Values: ['h1', 'WEB-1'] }] },
      DetailData: [{ rows: [{ values: ['l1', 'h1', '2'] }] }],
    },
  });
  t.same(parsed, {
    businessObject: 'SO1',
    header: {
      name: 'SO_HDR',
      fields: ['ROWID', 'COMMENT1'],
      rows: [{ rowId: 'h1', values: { COMMENT1: 'WEB-1' } }],
    },
    details: [
      {
        name: 'SO_LINE',
        fields: ['ROWID', 'HEADERID', 'ORD_QTY'],
        rows: [{ rowId: 'l1', headerId: 'h1', values: { ORD_QTY: '2' } }],
      },
    ],
  });
  t.throws(
    () =>
      parsePostBody({
        BusinessObject: 'AR1',
        Table: { Definition: { Name: 'CONTACT', Fields: [{ Name: 'SUB_NR' }, { Name: 'sub_nr' }] } },
        TableData: { Data: { Rows: [] } },
      }),
    { message: 'Table CONTACT: field SUB_NR is defined twice' },
  );
  t.throws(() => parsePostBody({ BusinessObject: 'AR1' }), { message: /^Invalid request body at table/ });
  t.throws(
    () =>
      parsePostBody({
        BusinessObject: 'AR1',
        Table: { Definition: { Name: 'CONTACT', Fields: [{ Name: 'X', FieldType: 'Q' }] } },
        TableData: { Data: { Rows: [] } },
      }),
    { name: 'AccountViewError', message: /^Invalid request body at table\.definition\.fields\.0\.fieldtype/ },
    'unknown FieldType',
  );
});
