/**
 * Shoprenter prints dates without a zone (`2019-09-06T15:47:59`, history `2011-01-04 10:00:00`),
 * in shop-local time (README.md). The simulator formats in a configurable IANA zone.
 */
export type Clock = { now(): Date };

export function createClock(fixed?: Date): Clock & { set(at: Date | undefined): void } {
  let pinned = fixed;
  return {
    now: () => (pinned ? new Date(pinned.getTime()) : new Date()),
    set(at) {
      pinned = at;
    },
  };
}

/** `YYYY-MM-DDTHH:MM:SS` in the shop's zone; the same format the datetime filters expect. */
export function formatShopDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Order history style: `YYYY-MM-DD HH:MM:SS`. */
export function toHistoryDateTime(shopDateTime: string): string {
  return shopDateTime.replace('T', ' ');
}

export const datetimeParamPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
export const dateParamPattern = /^\d{4}-\d{2}-\d{2}$/;
