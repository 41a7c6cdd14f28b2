import type { z } from 'zod';
import { toConnectorJsonSchema } from './describe-systems.js';

const knownKeysBySchema = new WeakMap<z.ZodType, ReadonlySet<string> | null>();

/**
 * The keys a connector's settings or credentials schema takes at its top level, read from the
 * JSON Schema the admin API publishes for it (`GET /systems`); null when that schema lists none
 * (a record or a union, where any key may be meant).
 */
function knownKeys(schema: z.ZodType): ReadonlySet<string> | null {
  const cached = knownKeysBySchema.get(schema);
  if (cached !== undefined) return cached;
  const json = toConnectorJsonSchema(schema, { writeOnly: false });
  const properties = json.properties;
  const keys =
    json.type === 'object' && typeof properties === 'object' && properties !== null
      ? new Set(Object.keys(properties))
      : null;
  knownKeysBySchema.set(schema, keys);
  return keys;
}

/**
 * Top-level keys of `value` the schema does not take. The schemas strip such keys when parsing,
 * so a typo (`checkProduct` for `checkProducts`) would otherwise be dropped in silence and the
 * setting meant would keep its default.
 */
export function unknownKeys(schema: z.ZodType, value: unknown): { unknown: string[]; known: string[] } {
  const known = knownKeys(schema);
  if (known === null || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { unknown: [], known: [] };
  }
  return { unknown: Object.keys(value).filter((key) => !known.has(key)), known: [...known].sort() };
}
