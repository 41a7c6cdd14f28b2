import { assumptions } from '../domain/assumptions.js';
import { dateParamPattern, datetimeParamPattern } from '../domain/clock.js';
import { decodeResourceId, type ResourceKind } from '../domain/resource-id.js';
import { ShoprenterError } from '../errors.js';

export type Query = Record<string, string>;

/** Paging parameters every collection takes (README.md). */
export const pagingParams = ['page', 'limit', 'full'] as const;

/** Unknown parameters answer 400/40010 "parameter not available" (assumptions.rejectUnknownQueryParameters). */
export function assertAllowedParams(query: Query, allowed: readonly string[]): void {
  if (!assumptions.rejectUnknownQueryParameters) return;
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new ShoprenterError('PARAMETER_NOT_AVAILABLE', `The parameter is not available: ${name}`);
    }
  }
}

export function intParam(query: Query, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (!/^\d{1,10}$/.test(raw)) throw new ShoprenterError('WRONG_DATA', `Wrong data! ${name} must be int.`);
  return Number(raw);
}

/** Datetime filters must look like `1990-01-01T00:00:00` (40009). */
export function datetimeParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (!datetimeParamPattern.test(raw)) {
    throw new ShoprenterError(
      'INVALID_DATETIME_PARAMETER',
      `Invalid datetime parameter: ${name}! Required format: 1990-01-01T00:00:00`,
    );
  }
  return raw;
}

/** Date filters must look like `1990-01-01` (40017). */
export function dateParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (!dateParamPattern.test(raw)) {
    throw new ShoprenterError(
      'INVALID_DATE_PARAMETER',
      `Invalid date parameter: ${name}! Required format: 1990-01-01`,
    );
  }
  return raw;
}

/** A resource id passed as a filter (e.g. `orderId`); malformed -> 40005 (bad resource identifier). */
export function resourceIdParam(query: Query, name: string, kind: ResourceKind): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const id = decodeResourceId(kind, raw);
  if (id === undefined)
    throw new ShoprenterError('WRONG_DATA', `Wrong data! Bad resource identifier: ${name}`);
  return id;
}

export function flagParam(query: Query, name: string): boolean {
  return query[name] === '1' || query[name] === 'true';
}

/** The inner id behind a path id; malformed ids 400/40007, unknown ones left to the caller (404). */
export function pathId(kind: ResourceKind, id: string): number {
  const inner = decodeResourceId(kind, id);
  if (inner === undefined) throw new ShoprenterError('WRONG_RESOURCE_ID', `Resource id is wrong: ${id}`);
  return inner;
}

export function notFound(path: string): ShoprenterError {
  return new ShoprenterError('RESOURCE_NOT_FOUND', assumptions.notFoundMessage(path));
}
