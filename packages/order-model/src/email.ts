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

/** A plausibility check (one @, a dot in the domain, no spaces or control characters), not RFC 5322. */
export function isPlausibleEmail(email: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  return /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+\.[^\s@\u0000-\u001f\u007f]+$/.test(email);
}
