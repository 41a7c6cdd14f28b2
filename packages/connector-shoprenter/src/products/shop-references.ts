/**
 * Shop configuration the product sink needs, read once per session (through the session's
 * limited client) and kept with it: the Hungarian language's id (descriptions are per language),
 * the tax class of each VAT rate (`/taxRates`, as the price-calculation example reads it), the
 * customer groups by name (price groups). Ids are always taken from the shop, never built (FAQ).
 * https://doc.shoprenter.hu/development/api-examples/03_price_calculation.html
 */
import { shoprenterErrors } from '../errors.js';
import { listAll, type ShoprenterSession } from '../poll-orders.js';
import { customerGroupSchema, idOfHref, languageSchema, taxRateSchema } from './catalog-schemas.js';

/** Descriptions and category names are written in the shop's Hungarian language. */
export const LANGUAGE_CODE = 'hu';

export type ShopReferences = {
  languageId(): Promise<string>;
  taxClassId(rate: string): Promise<string | undefined>;
  customerGroupId(name: string): Promise<string | undefined>;
};

const references = new WeakMap<ShoprenterSession, ShopReferences>();

/** Reads once and keeps the answer; a failed read (a 503) is forgotten so the next call tries again. */
function readOnce<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= read().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export function shopReferencesOf(session: ShoprenterSession): ShopReferences {
  const known = references.get(session);
  if (known) return known;
  const language = readOnce(async () => {
    const rows = await listAll(session.client, '/languages', { code: LANGUAGE_CODE }, languageSchema);
    const hu = rows.find((row) => row.code === LANGUAGE_CODE);
    if (!hu) throw shoprenterErrors.badResponse(`the shop has no "${LANGUAGE_CODE}" language`);
    return hu.id;
  });
  const taxClasses = readOnce(async () => {
    const rows = await listAll(session.client, '/taxRates', {}, taxRateSchema);
    return new Map(
      rows.flatMap((row) => (row.taxClass ? [[row.rate, idOfHref(row.taxClass.href)] as const] : [])),
    );
  });
  const groups = readOnce(async () => {
    const rows = await listAll(session.client, '/customerGroups', {}, customerGroupSchema);
    return new Map(rows.map((row) => [row.name, row.id] as const));
  });
  const created: ShopReferences = {
    languageId: language,
    taxClassId: async (rate) => (await taxClasses()).get(rate),
    customerGroupId: async (name) => (await groups()).get(name),
  };
  references.set(session, created);
  return created;
}
