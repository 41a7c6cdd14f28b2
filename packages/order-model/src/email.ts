/** E-mail addresses as matching keys: customers are looked up in the targets by e-mail. */

/** Trimmed, `mailto:` and angle brackets removed, lower case (the whole address, as targets match). */
export function normalizeEmail(raw: string): string {
  return raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase();
}

/** A plausibility check (one @, a dot in the domain, no spaces), not RFC 5322. */
export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
