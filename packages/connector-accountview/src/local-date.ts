/**
 * AccountView stores local datetimes without a zone (README "Vendor facts"): the order's UTC
 * instant is written as the administration's wall-clock time, so an order placed at 00:30 on
 * 1 January in Amsterdam (23:30 UTC) lands in the new year. Periods are calendar months [I].
 */
export type LocalDate = { dateTime: string; period: number };

export function toLocalDate(instant: Date, timeZone: string): LocalDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('order timestamp is not a valid date');
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const month = part('month');
  return {
    dateTime: `${part('year')}-${month}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`,
    period: Number(month),
  };
}
