/** InnVoice dates are `YYYY.MM.DD.` (notes §4.3); internally `YYYY-MM-DD`. */
export function parseHuDate(raw: string): string | undefined {
  const match = /^(\d{4})\.(\d{2})\.(\d{2})\.?$/.exec(raw.trim());
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

export function toHuDate(iso: string): string {
  return `${iso.replaceAll('-', '.')}.`;
}
