import t from 'tap';
import {
  cursorFor,
  describeCursor,
  formatCursor,
  initialCursor,
  parseCursor,
  toShopLocal,
} from '../src/index.js';
import { isAfterCursor } from '../src/poll-cursor.js';

t.test('format and parse round-trip, with and without the lowest order number', async (t) => {
  for (const cursor of [
    { since: '2025-03-01T10:15:00', after: 0 },
    { since: '2025-03-01T10:15:00', after: 205 },
    { since: '2000-01-01T00:00:00', after: 7, from: 1042 },
  ]) {
    const text = formatCursor(cursor);
    t.same(parseCursor(text), cursor, text);
    t.equal(formatCursor(parseCursor(text)), text, 'stable text');
  }
  t.equal(
    formatCursor({ since: '2025-03-01T10:15:00', after: 205 }),
    'since=2025-03-01T10%3A15%3A00&after=205',
  );
});

t.test('an unreadable cursor is VALIDATION_FAILED on the cursor', async (t) => {
  for (const text of [
    '',
    'since=2025-03-01&after=1',
    'since=2025-03-01T10:15:00',
    'since=2025-03-01T10:15:00&after=x',
    'since=2025-03-01T10:15:00&after=1&from=-2',
  ]) {
    t.throws(() => parseCursor(text), { code: 'VALIDATION_FAILED', field: 'cursor' }, JSON.stringify(text));
  }
  t.throws(() => describeCursor('nonsense'), { code: 'VALIDATION_FAILED', field: 'cursor' });
});

t.test('cursorFor({since}) is Budapest wall-clock time, across both DST switches', async (t) => {
  const cases: [utc: string, local: string, name: string][] = [
    ['2025-01-15T12:00:00Z', '2025-01-15T13:00:00', 'winter: CET, UTC+1'],
    ['2025-07-01T10:00:00Z', '2025-07-01T12:00:00', 'summer: CEST, UTC+2'],
    ['2025-03-30T00:59:59Z', '2025-03-30T01:59:59', 'last second of CET in spring'],
    ['2025-03-30T01:00:00Z', '2025-03-30T03:00:00', 'CEST from 03:00 local (02:00-03:00 skipped)'],
    ['2025-10-26T00:30:00Z', '2025-10-26T02:30:00', 'autumn overlap, first 02:30 (CEST)'],
    ['2025-10-26T01:30:00Z', '2025-10-26T02:30:00', 'autumn overlap, second 02:30 (CET)'],
    ['2025-10-26T01:00:00Z', '2025-10-26T02:00:00', 'CET from 03:00 CEST back to 02:00'],
    ['2025-12-31T23:30:00Z', '2026-01-01T00:30:00', 'across the year'],
  ];
  for (const [utc, local, name] of cases) {
    t.same(parseCursor(cursorFor({ since: new Date(utc) })), { since: local, after: 0 }, name);
    t.equal(toShopLocal(new Date(utc)), local);
  }
  t.equal(
    initialCursor(new Date('2025-07-01T10:00:00Z')),
    cursorFor({ since: new Date('2025-07-01T10:00:00Z') }),
    'the initial cursor is "now"',
  );
});

t.test('cursorFor({orderNumber}) polls every order from that number on', async (t) => {
  const cursor = parseCursor(cursorFor({ orderNumber: ' 1042 ' }));
  t.same(cursor, { since: '2000-01-01T00:00:00', after: 0, from: 1042 });
  t.notOk(isAfterCursor(cursor, '2025-03-01 10:15:00', 1041), 'below the number: never');
  t.ok(isAfterCursor(cursor, '2025-03-01 10:15:00', 1042), 'the number itself');
  t.ok(isAfterCursor(cursor, '2001-01-01 00:00:00', 5000), 'any update time');
});

t.test('isAfterCursor orders by update time, then innerId within the same second', async (t) => {
  const cursor = parseCursor(formatCursor({ since: '2025-03-01T10:15:00', after: 205 }));
  t.notOk(isAfterCursor(cursor, '2025-03-01 10:14:59', 900));
  t.notOk(isAfterCursor(cursor, '2025-03-01 10:15:00', 205), 'the last order seen is not seen again');
  t.ok(isAfterCursor(cursor, '2025-03-01T10:15:00', 206));
  t.ok(isAfterCursor(cursor, '2025-03-01 10:15:01', 1));
});

t.test('a reset the source cannot take is VALIDATION_FAILED naming the field', async (t) => {
  // An innerId past Number.MAX_SAFE_INTEGER would be stored rounded (`from=1e+30`): unreadable.
  for (const orderNumber of [
    '',
    'SR-1042',
    '10.5',
    '-3',
    '1e3',
    '999999999999999999999999999999',
    '9007199254740992',
  ]) {
    t.throws(
      () => cursorFor({ orderNumber }),
      { code: 'VALIDATION_FAILED', field: 'orderNumber' },
      orderNumber,
    );
  }
  t.throws(() => cursorFor({ since: new Date('not a date') }), { code: 'VALIDATION_FAILED', field: 'since' });
});

t.test('the largest safe order number round-trips exactly', async (t) => {
  const cursor = cursorFor({ orderNumber: '9007199254740991' });
  t.same(parseCursor(cursor), { since: '2000-01-01T00:00:00', after: 0, from: 9_007_199_254_740_991 });
  t.throws(
    () => cursorFor({ orderNumber: '999999999999999999999999999999' }),
    { code: 'VALIDATION_FAILED', field: 'orderNumber', message: /9007199254740991/ },
    'the refusal names the bound',
  );
});

t.test('a stored cursor with an unsafe number is unreadable, not silently rounded', async (t) => {
  for (const text of [
    'since=2025-03-01T10:15:00&after=99999999999999999999',
    'since=2000-01-01T00:00:00&after=0&from=999999999999999999999999999999',
  ]) {
    t.throws(() => parseCursor(text), { code: 'VALIDATION_FAILED', field: 'cursor' }, text);
  }
});

t.test('describeCursor reads as words', async (t) => {
  t.equal(
    describeCursor(formatCursor({ since: '2025-03-01T10:15:00', after: 0 })),
    'orders updated after 2025-03-01 10:15:00 (shop time)',
  );
  t.equal(
    describeCursor(formatCursor({ since: '2025-03-01T10:15:00', after: 205 })),
    'orders updated after 2025-03-01 10:15:00 (shop time), after order 205 of that second',
  );
  t.equal(
    describeCursor(cursorFor({ orderNumber: '1042' })),
    'orders updated after 2000-01-01 00:00:00 (shop time), from order 1042 on',
  );
});
