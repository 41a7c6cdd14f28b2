/**
 * The shop's wall clock. `change_time` (`yyyymmddhhmmss`) and the export's order date and time
 * are shop-local; myShop is a Dutch platform, so Europe/Amsterdam is assumed (assumed-fields.ts).
 */
import { wallClockIn } from '@koppel/order-model';
import { SHOP_TIME_ZONE } from './assumed-fields.js';

const CHANGE_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** A UTC instant as shop-local `yyyymmddhhmmss`. */
export function toChangeTime(instant: Date): string {
  return wallClockIn(instant, SHOP_TIME_ZONE).dateTime.replace(/\D/g, '');
}

export function isChangeTime(text: string): boolean {
  const m = CHANGE_TIME.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

/**
 * Shop-local `yyyymmddhhmmss` → UTC instant. The offset is read at the guessed instant and once
 * more at the corrected one, which settles both DST edges (a skipped hour maps forward).
 */
export function changeTimeToUtc(text: string): Date {
  const m = CHANGE_TIME.exec(text);
  if (!m || !isChangeTime(text)) throw new RangeError(`"${text}" is not a yyyymmddhhmmss time`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (instant: number) => changeTimeToWall(toChangeTime(new Date(instant))) - instant;
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

function changeTimeToWall(text: string): number {
  const [y, mo, d, h, mi, s] = (CHANGE_TIME.exec(text) ?? []).slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** One second earlier, in the same form (for an inclusive reset: "changed at or after"). */
export function secondBefore(changeTime: string): string {
  if (!isChangeTime(changeTime)) throw new RangeError(`"${changeTime}" is not a yyyymmddhhmmss time`);
  const wall = new Date(changeTimeToWall(changeTime) - 1000).toISOString();
  return wall.slice(0, 19).replace(/[-T:]/g, '');
}
