import { z } from 'zod';

/** First and last instant a Postgres `timestamptz` takes in ISO 8601 without an expanded year. */
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A moment a caller gives (ISO 8601 with offset): well-formed is not enough, since
 * `0000-01-01T00:00:00Z` (year 0) or `9999-12-31T23:59:59-14:00` (year 10000 in UTC) parse in
 * JavaScript but Postgres refuses them ("date/time field value out of range"), which would be a
 * 500. So the moment, in UTC, must lie in the years 1 to 9999.
 */
export const momentSchema = z.iso.datetime({ offset: true }).refine(
  (text) => {
    const ms = Date.parse(text);
    return ms >= EARLIEST_MS && ms <= LATEST_MS;
  },
  { message: 'must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z', abort: true },
);
