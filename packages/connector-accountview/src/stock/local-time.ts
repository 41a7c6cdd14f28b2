/**
 * AccountView datetimes are the administration's wall-clock time without a zone (README "Vendor
 * facts"); `CNG_DATE` of an article becomes an instant here with the connection's `timeZone`,
 * the inverse of `local-date.ts`. A value that carries its own offset (`Z`, `+01:00`) is taken as is.
 */
import { toLocalDate } from '../local-date.js';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(?:\.\d+)?$/;

export function fromLocalDateTime(text: string, timeZone: string): Date | undefined {
  const trimmed = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const instant = new Date(trimmed);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  const m = LOCAL.exec(trimmed);
  if (!m) return undefined;
  const wall = Date.UTC(
    +(m[1] ?? 0),
    +(m[2] ?? 1) - 1,
    +(m[3] ?? 1),
    +(m[4] ?? 0),
    +(m[5] ?? 0),
    +(m[6] ?? 0),
  );
  // Two rounds find the zone's offset at that wall time (once more across a DST change).
  let instant = wall;
  for (let round = 0; round < 2; round++) instant = wall - (wallOf(new Date(instant), timeZone) - instant);
  return Number.isNaN(instant) ? undefined : new Date(instant);
}

/** The wall-clock time of `instant` in `timeZone`, read as if it were UTC (ms). */
function wallOf(instant: Date, timeZone: string): number {
  return Date.parse(`${toLocalDate(instant, timeZone).dateTime}Z`);
}
