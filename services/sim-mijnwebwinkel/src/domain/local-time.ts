/**
 * The API shows timestamps as the store's wall-clock date and time in two fields
 * ("2025-03-01" / "14:05:09"), so instants are converted to the store's time zone here.
 */
export type LocalDateTime = { date: string; time: string };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

/** "yyyy-mm-dd hh:mm:ss", the form of the `status_changed_*` filters; sorts as text. */
export function toSortableLocal(value: LocalDateTime): string {
  return `${value.date} ${value.time}`;
}
