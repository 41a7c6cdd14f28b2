/** Pure decoding of AccountView articles into stock readings: quantities, reservations, CNG_DATE. */
import t from 'tap';
import { toReading, wholeUnits } from '../../src/stock/decode-stock.js';
import { fromLocalDateTime } from '../../src/stock/local-time.js';

const readAt = new Date('2026-01-01T00:00:00Z');

t.test('quantities are floored to whole units without a float', async (t) => {
  t.same(['12', '12.75', '0.5', '-0.5', '-2', '-2.25', '3.000'].map(wholeUnits), [12, 12, 0, -1, -2, -3, 3]);
});

t.test('on hand is QTY_TECH, reservations what lies between it and QTY_AVAIL', async (t) => {
  const row = { REC_ID: '1', ART_CODE: ' TS-1 ', QTY_TECH: '15.5', QTY_AVAIL: '13.5', CNG_DATE: null };
  t.match(toReading(row, 'Europe/Amsterdam', readAt), {
    sku: 'TS-1',
    warehouseId: '',
    onHand: 15,
    reserved: 2,
  });
  t.match(
    toReading({ ...row, QTY_TECH: undefined }, 'UTC', readAt),
    { onHand: 13, reserved: 0 },
    'only QTY_AVAIL',
  );
  t.match(
    toReading({ ...row, QTY_AVAIL: undefined }, 'UTC', readAt),
    { onHand: 15, reserved: 0 },
    'only QTY_TECH',
  );
  t.match(
    toReading({ ...row, QTY_AVAIL: '20' }, 'UTC', readAt),
    { reserved: 0 },
    'never a negative reservation',
  );
  t.same(toReading(row, 'UTC', readAt)?.sourceTime, readAt, 'no CNG_DATE: the read time');
  t.equal(toReading({ ...row, ART_CODE: '  ' }, 'UTC', readAt), undefined, 'no article code, no reading');
});

t.test("CNG_DATE is the administration's wall-clock time", async (t) => {
  t.equal(
    fromLocalDateTime('2026-01-15T10:00:00', 'Europe/Amsterdam')?.toISOString(),
    '2026-01-15T09:00:00.000Z',
  );
  t.equal(
    fromLocalDateTime('2026-07-15T10:00:00', 'Europe/Amsterdam')?.toISOString(),
    '2026-07-15T08:00:00.000Z',
  );
  t.equal(
    fromLocalDateTime('2026-03-29 03:30', 'Europe/Amsterdam')?.toISOString(),
    '2026-03-29T01:30:00.000Z',
  );
  t.equal(
    fromLocalDateTime('2026-01-15T10:00:00Z', 'Europe/Amsterdam')?.toISOString(),
    '2026-01-15T10:00:00.000Z',
  );
  t.equal(fromLocalDateTime('15-01-2026', 'UTC'), undefined);
});
