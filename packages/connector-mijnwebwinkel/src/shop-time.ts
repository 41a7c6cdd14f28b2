/**
 * The shop's wall clock: the API prints order dates as `date` + `time` in shop time and takes
 * `start_date` / `status_changed_start_date` in it (no zone given; Dutch shops: Europe/Amsterdam).
 */
import { wallClockIn } from '@koppel/order-model';

/** An instant as shop time `YYYY-MM-DD HH:MM:SS`. */
export function toShopLocal(at: Date, timeZone: string): string {
  return wallClockIn(at, timeZone).dateTime.replace('T', ' ');
}

/** The offset of `timeZone` from UTC at `at`, in milliseconds. */
function offsetMs(at: number, timeZone: string): number {
  const local = toShopLocal(new Date(at), timeZone);
  return Date.parse(`${local.replace(' ', 'T')}Z`) - at;
}

/** Shop time (`2025-03-01`, `14:05:09`) as an instant; undefined when it is no date. */
export function shopLocalToUtc(date: string, time: string, timeZone: string): Date | undefined {
  const wall = Date.parse(`${date}T${time}Z`);
  if (Number.isNaN(wall)) return undefined;
  // The offset at the wall time read as UTC is off by at most the DST change; once more settles it.
  const guess = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(guess, timeZone));
}
