/**
 * Shoprenter dates ("2025-03-01 10:15:00", "2019-09-06T15:47:59") carry no zone: they are shop
 * local time, Europe/Budapest (CET, UTC+1; CEST, UTC+2 under the EU rule: from the last Sunday
 * of March 02:00 local to the last Sunday of October 03:00 local). Computed here rather than
 * through ICU so decoding is the same on every Node build. In the spring gap (02:00-03:00 does
 * not exist) the time is read as CET; in the autumn overlap (02:00-03:00 occurs twice) as
 * the first occurrence, CEST. Zero dates ("0000-00-00 00:00:00") mean "none".
 * https://eur-lex.europa.eu/eli/dir/2000/84/oj (summer-time arrangements)
 */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const HOUR_MS = 3_600_000;

/** Wall-clock ms of the last Sunday of a month at `hour` (month 0-based). */
function lastSundayAt(year: number, month: number, hour: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const day = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month, day, hour);
}

export function isBudapestSummerTime(wallClockMs: number): boolean {
  const year = new Date(wallClockMs).getUTCFullYear();
  return wallClockMs >= lastSundayAt(year, 2, 3) && wallClockMs < lastSundayAt(year, 9, 3);
}

/**
 * The UTC instant of a Budapest wall-clock time; undefined for an empty or zero date.
 * Throws RangeError for text that is not a date or names an impossible day.
 */
export function budapestLocalToUtc(text: string): Date | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || /^0000-00-00|^-0001-11-30/.test(trimmed)) return undefined;
  const match = LOCAL_DATE_TIME.exec(trimmed);
  if (match === null) throw new RangeError(`"${trimmed}" is not a date like 2025-03-01 10:15:00`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? '0'));
  const wallClock = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  const check = new Date(wallClock);
  if (check.getUTCDate() !== day || check.getUTCMonth() + 1 !== month || (hour ?? 0) > 23) {
    throw new RangeError(`"${trimmed}" is not a valid date`);
  }
  return new Date(wallClock - (isBudapestSummerTime(wallClock) ? 2 : 1) * HOUR_MS);
}
