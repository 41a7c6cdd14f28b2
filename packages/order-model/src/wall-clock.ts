/**
 * An instant as the wall clock of a time zone shows it: the calendar day and time a
 * bookkeeping system stores without a zone (an order placed at 00:30 on 1 January in Amsterdam,
 * 23:30 UTC, is in the new year). One `Intl.DateTimeFormat` per zone, made once: building one
 * costs far more than formatting with it, and every booked order needs its date.
 */
export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** `YYYY-MM-DD` */
  date: string;
  /** `YYYY-MM-DDTHH:mm:ss` (no zone) */
  dateTime: string;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallClockIn(instant: Date, timeZone: string): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError('order timestamp is not a valid date');
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const [year, month, day, hour, minute, second] = (
    ['year', 'month', 'day', 'hour', 'minute', 'second'] as const
  ).map((type) => parts[type] ?? '00');
  const date = `${year}-${month}-${day}`;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    date,
    dateTime: `${date}T${hour}:${minute}:${second}`,
  };
}
