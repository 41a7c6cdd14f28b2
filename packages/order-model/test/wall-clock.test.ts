import t from 'tap';
import { wallClockIn } from '../src/index.js';

t.test('the wall clock of a zone, across the new year and a DST change', async (t) => {
  const newYear = wallClockIn(new Date('2025-12-31T23:30:00Z'), 'Europe/Amsterdam');
  t.match(newYear, { year: 2026, month: 1, day: 1, hour: 0, minute: 30, date: '2026-01-01' });
  t.equal(newYear.dateTime, '2026-01-01T00:30:00');
  t.equal(wallClockIn(new Date('2025-12-31T23:30:00Z'), 'UTC').date, '2025-12-31');
  t.equal(
    wallClockIn(new Date('2026-03-29T01:30:00Z'), 'Europe/Budapest').dateTime,
    '2026-03-29T03:30:00',
    'summer time: UTC+2',
  );
  t.equal(wallClockIn(new Date('2026-06-15T22:00:00Z'), 'Europe/Amsterdam').hour, 0, 'midnight is hour 0');
  t.throws(() => wallClockIn(new Date(Number.NaN), 'UTC'), RangeError);
  t.throws(() => wallClockIn(new Date(), 'Mars/Olympus'), RangeError, 'an unknown zone');
});
