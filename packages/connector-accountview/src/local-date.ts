import { wallClockIn } from '@koppel/order-model';

/**
 * AccountView stores local datetimes without a zone (README "Vendor facts"): the order's UTC
 * instant is written as the administration's wall-clock time, so an order placed at 00:30 on
 * 1 January in Amsterdam (23:30 UTC) lands in the new year. Periods are calendar months [I].
 */
export type LocalDate = { dateTime: string; period: number };

export function toLocalDate(instant: Date, timeZone: string): LocalDate {
  const local = wallClockIn(instant, timeZone);
  return { dateTime: local.dateTime, period: local.month };
}
