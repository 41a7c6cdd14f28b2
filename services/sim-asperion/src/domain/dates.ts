/** Dates on the wire look like `2025-03-01T00:00:00` (notes §1.6); internally `YYYY-MM-DD`. */
export function parseWireDate(raw: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(raw);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) return undefined;
  return `${y}-${m}-${d}`;
}

export function toWireDate(date: string): string {
  return `${date}T00:00:00`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Server timestamps (`dateAdded`, `dateLastChange`) as ASP.NET renders local time, no zone. */
export function toWireTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19);
}
