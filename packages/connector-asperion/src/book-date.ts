import { wallClockIn } from '@koppel/order-model';

/**
 * The invoice date and book period of an order. The order's UTC timestamp is read in the
 * administration's time zone, so an order placed at 00:30 on 1 January in Amsterdam (23:30 UTC)
 * lands in the new book year. Book periods are calendar months (1-12) [I]: Asperion's period
 * layout is per administration and not public (README.md only names `bookyear`/`bookperiod`).
 */
export type BookDate = {
  /** As the Go client sends it: `YYYY-MM-DDT00:00:00` (no zone). */
  date: string;
  bookyear: number;
  bookperiod: number;
};

export function toBookDate(instant: Date, timeZone: string): BookDate {
  const local = wallClockIn(instant, timeZone);
  return { date: `${local.date}T00:00:00`, bookyear: local.year, bookperiod: local.month };
}
