import t from 'tap';
import { AccountViewError } from '../../src/errors.js';
import { parseFilterExpression } from '../../src/domain/filter-expression.js';
import { matchesAll } from '../../src/domain/filters.js';

t.test('parses the AV-RUBY example and conjunctions', async (t) => {
  t.same(parseFilterExpression("dct_fld.dbf_name='ART_LINE'"), [
    { field: 'DBF_NAME', op: 'eq', type: 'C', values: ['ART_LINE'] },
  ]);
  t.same(parseFilterExpression("city = 'Den Haag' and sub_nr >= 10005 AND rec_blk = .F."), [
    { field: 'CITY', op: 'eq', type: 'C', values: ['Den Haag'] },
    { field: 'SUB_NR', op: 'ge', type: 'N', values: ['10005'] },
    { field: 'REC_BLK', op: 'eq', type: 'L', values: ['false'] },
  ]);
  t.same(parseFilterExpression('cng_date >= {^2025-03-01 10:00:00}'), [
    { field: 'CNG_DATE', op: 'ge', type: 'T', values: ['{^2025-03-01 10:00:00}'] },
  ]);
  t.same(parseFilterExpression('trn_date < {^2025-03-01}')[0]?.type, 'D');
  t.same(parseFilterExpression("acct_name <> 'x'")[0]?.op, 'ne');
  t.same(parseFilterExpression("acct_name != 'x'")[0]?.op, 'ne');
  t.same(parseFilterExpression("acct_name == 'x'")[0]?.op, 'eq');
});

t.test('AND inside a quoted string is not a separator', async (t) => {
  t.same(parseFilterExpression("acct_name = 'Bakker and Zonen'"), [
    { field: 'ACCT_NAME', op: 'eq', type: 'C', values: ['Bakker and Zonen'] },
  ]);
});

t.test('rejects what it does not understand instead of ignoring it', async (t) => {
  for (const bad of [
    "city = 'A' OR city = 'B'",
    'city',
    "city = 'open",
    'city = Utrecht',
    "upper(city) = 'X'",
  ]) {
    t.throws(() => parseFilterExpression(bad), AccountViewError, bad);
  }
  const error = (() => {
    try {
      parseFilterExpression("city = 'open");
    } catch (e) {
      return e as AccountViewError;
    }
  })();
  t.equal(error?.httpStatus, 400);
});

t.test('parsed filters match rows: character compare is exact, trailing spaces ignored', async (t) => {
  const row = { CITY: 'Utrecht  ', SUB_NR: '10010', REC_BLK: false, CNG_DATE: '2025-03-01T10:00:00' };
  t.ok(matchesAll(row, parseFilterExpression("city = 'Utrecht'")));
  t.notOk(matchesAll(row, parseFilterExpression("city = 'utrecht'")));
  t.ok(matchesAll(row, parseFilterExpression('sub_nr > 9999')), 'numeric, not textual, comparison');
  t.ok(matchesAll(row, parseFilterExpression('rec_blk = .F.')));
  t.ok(matchesAll(row, parseFilterExpression('cng_date >= {^2025-03-01 10:00:00}')));
  t.notOk(matchesAll(row, parseFilterExpression('cng_date > {^2025-03-01 10:00:00}')));
  t.ok(matchesAll(row, parseFilterExpression('cng_date = {^2025-03-01}')), 'D compares the date part only');
  t.notOk(
    matchesAll({ CITY: null }, parseFilterExpression('sub_nr >= 1')),
    'missing numeric value never matches',
  );
});
