import t from 'tap';
import { budapestLocalToUtc } from '../src/index.js';

const utc = (text: string) => budapestLocalToUtc(text)?.toISOString();

t.test('winter (CET, UTC+1) and summer (CEST, UTC+2)', async (t) => {
  t.equal(utc('2025-03-01 10:15:00'), '2025-03-01T09:15:00.000Z');
  t.equal(utc('2025-07-15 14:30:00'), '2025-07-15T12:30:00.000Z');
  t.equal(utc('2019-09-06T15:47:59'), '2019-09-06T13:47:59.000Z', 'REST format');
  t.equal(utc('2025-12-31 23:59:59'), '2025-12-31T22:59:59.000Z');
  t.equal(utc('2025-04-03'), '2025-04-02T22:00:00.000Z', 'a date alone is local midnight');
});

t.test('switch days follow the EU rule', async (t) => {
  t.equal(utc('2025-03-30 01:59:59'), '2025-03-30T00:59:59.000Z', 'before the spring switch');
  t.equal(utc('2025-03-30 02:30:00'), '2025-03-30T01:30:00.000Z', 'gap hour read as CET');
  t.equal(utc('2025-03-30 03:00:00'), '2025-03-30T01:00:00.000Z', 'CEST from 03:00');
  t.equal(utc('2025-10-26 01:59:59'), '2025-10-25T23:59:59.000Z');
  t.equal(utc('2025-10-26 02:30:00'), '2025-10-26T00:30:00.000Z', 'overlap hour: first occurrence');
  t.equal(utc('2025-10-26 03:00:00'), '2025-10-26T02:00:00.000Z', 'CET from 03:00');
  t.equal(utc('2024-03-31 12:00:00'), '2024-03-31T10:00:00.000Z', '2024 switch on 31 March');
  t.equal(utc('2024-10-27 12:00:00'), '2024-10-27T11:00:00.000Z', '2024 switch back on 27 October');
});

t.test('property: agrees with the ICU Europe/Budapest zone hour by hour across a year', async (t) => {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Budapest',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  let failures = 0;
  for (let instant = Date.UTC(2025, 0, 1); instant < Date.UTC(2026, 0, 1); instant += 3_600_000) {
    const local = format.format(new Date(instant));
    const back = budapestLocalToUtc(local)?.getTime();
    // In the autumn overlap both instants print the same local time; the first is chosen.
    if (back !== instant && back !== instant - 3_600_000) failures += 1;
  }
  t.equal(failures, 0);
});

t.test('zero and empty dates are none; garbage throws', async (t) => {
  t.equal(budapestLocalToUtc(''), undefined);
  t.equal(budapestLocalToUtc('0000-00-00 00:00:00'), undefined);
  t.equal(budapestLocalToUtc('-0001-11-30T00:00:00'), undefined);
  t.throws(() => budapestLocalToUtc('yesterday'), RangeError);
  t.throws(() => budapestLocalToUtc('2025-02-30 10:00:00'), RangeError);
  t.throws(() => budapestLocalToUtc('2025-03-01 24:00:00'), RangeError);
});
