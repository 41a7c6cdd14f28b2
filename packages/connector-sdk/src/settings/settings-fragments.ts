/**
 * Zod fragments that target connectors' settings schemas share where the concept is the same
 * for every vendor: country codes, VAT rates, the client-side rate limit, the time zone of
 * booking dates and the reverse-charge legal text. Field names and vendor-specific codes stay
 * in each connector's own settings.ts.
 */
import { z } from 'zod';

/** ISO 3166-1 alpha-2 country code in upper case. */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code in upper case, e.g. "NL"');

/** VAT rate in basis points (2100 = 21 %). */
export const vatRateBpSchema = z.number().int().min(0).max(10_000);

/** Client-side token bucket per connection; each connector sets its own default. */
export const rateLimitSchema = z.object({
  /** Sustained requests per second of one connection. */
  requestsPerSecond: z.number().positive(),
  /** Requests allowed at once after a quiet spell. */
  burst: z.number().int().positive(),
});

export type RateLimitOptions = z.infer<typeof rateLimitSchema>;

/** Legal text on a reverse-charge document, followed by the customer's VAT number. */
export const reverseChargeLegalTextSchema = z
  .string()
  .min(1)
  .max(120)
  .default('BTW verlegd / VAT reverse-charged');

/** An IANA time zone (checked against the runtime's Intl data), defaulting to `defaultZone`. */
export function timeZoneSchema(defaultZone: string) {
  return z
    .string()
    .default(defaultZone)
    .refine((zone) => isKnownTimeZone(zone), 'unknown IANA time zone');
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
