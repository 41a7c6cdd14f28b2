/**
 * The shop's list attributes, their values (by Hungarian name) and product types, read once per
 * session and kept with it; missing values and types are created as the docs' example does
 * (`POST /listAttributeValues`, `/listAttributeValueDescriptions`; `POST /productClasses`,
 * `/productClassAttributeRelations`, then `PUT` its variant parameters), all through `/batch` on
 * the session's limiter. Ids are taken from answers and links, never built (FAQ).
 * https://doc.shoprenter.hu/development/api-examples/08_product_attribute_handling.html
 */
import { z } from 'zod';
import { listAll, type ShoprenterSession } from '../poll-orders.js';
import { sendCatalogBatch } from './catalog-batch.js';
import { idOfHref, writtenSchema } from './catalog-schemas.js';

const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());
const link = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && 'href' in value ? value : undefined),
  z.object({ href: z.string() }).optional(),
);
const listAttributeSchema = z.object({ id: z.string().min(1), name: text });
const valueSchema = z.object({ id: z.string().min(1) });
const valueDescriptionSchema = z.object({ name: text, listAttributeValue: link });
const productClassSchema = z.object({
  id: z.string().min(1),
  firstVariantParameter: link,
  secondVariantParameter: link,
});

type Found = { ok: true; id: string } | { ok: false; reason: string };

export type VariantReferences = {
  /** The id of the list attribute with this name, or why there is none. */
  listAttribute(name: string): Promise<Found>;
  /** Value ids of the attribute by lowercased name, creating the missing ones when allowed. */
  values(attributeId: string, names: readonly string[], create: boolean): Promise<Map<string, Found>>;
  /** Every value id of the attribute (to tell this picker's relations from others). */
  valueIdsOf(attributeId: string): Promise<Set<string>>;
  /** A product type whose variant parameters are exactly these attributes, created when missing. */
  productClass(attributeIds: readonly string[], names: readonly string[]): Promise<Found>;
};

const cache = new WeakMap<ShoprenterSession, VariantReferences>();
const key = (name: string) => name.trim().toLowerCase();

export function variantReferencesOf(
  session: ShoprenterSession,
  languageId: () => Promise<string>,
): VariantReferences {
  const known = cache.get(session);
  if (known) return known;
  const attributes = new Map<string, Promise<Found>>();
  // attribute id → (lowercased name → value id)
  const valuesByAttribute = new Map<string, Map<string, string>>();
  let descriptions: Promise<Map<string, string>> | undefined;
  let classes: Promise<{ id: string; parameters: string }[]> | undefined;

  const valueNames = () => {
    descriptions ??= (async () => {
      const rows = await listAll(
        session.client,
        '/listAttributeValueDescriptions',
        { languageId: await languageId() },
        valueDescriptionSchema,
      );
      return new Map(
        rows.flatMap((r) => (r.listAttributeValue ? [[idOfHref(r.listAttributeValue.href), r.name]] : [])),
      );
    })().catch((error: unknown) => {
      descriptions = undefined;
      throw error;
    });
    return descriptions;
  };
  const valuesOf = async (attributeId: string) => {
    const found = valuesByAttribute.get(attributeId);
    if (found) return found;
    const [ids, names] = await Promise.all([
      listAll(session.client, '/listAttributeValues', { listAttributeId: attributeId }, valueSchema),
      valueNames(),
    ]);
    const byName = new Map(ids.flatMap((v) => (names.has(v.id) ? [[key(names.get(v.id) ?? ''), v.id]] : [])));
    valuesByAttribute.set(attributeId, byName);
    return byName;
  };

  const references: VariantReferences = {
    listAttribute(name) {
      let pending = attributes.get(name);
      if (!pending) {
        pending = listAll(session.client, '/listAttributes', { name }, listAttributeSchema).then(
          (rows): Found => {
            const row = rows.find((r) => r.name === name);
            return row
              ? { ok: true, id: row.id }
              : { ok: false, reason: `the shop has no list attribute named "${name}"` };
          },
        );
        pending.catch(() => attributes.delete(name));
        attributes.set(name, pending);
      }
      return pending;
    },
    async values(attributeId, names, create) {
      const byName = await valuesOf(attributeId);
      const wanted = [...new Map(names.map((n) => [key(n), n.trim()])).entries()];
      const missing = wanted.filter(([k]) => !byName.has(k));
      const answer = new Map<string, Found>();
      if (missing.length > 0 && create)
        await createValues(session, attributeId, missing, byName, await languageId());
      for (const [k, original] of wanted) {
        const id = byName.get(k);
        answer.set(
          k,
          id !== undefined
            ? { ok: true, id }
            : {
                ok: false,
                reason: create
                  ? `the value "${original}" could not be created`
                  : `the shop's list has no value "${original}"`,
              },
        );
      }
      return answer;
    },
    async valueIdsOf(attributeId) {
      return new Set((await valuesOf(attributeId)).values());
    },
    async productClass(attributeIds, names) {
      classes ??= listAll(session.client, '/productClasses', {}, productClassSchema)
        .then((rows) =>
          rows.map((row) => ({
            id: row.id,
            parameters: parameterKey(
              [row.firstVariantParameter, row.secondVariantParameter].flatMap((p) =>
                p ? [idOfHref(p.href)] : [],
              ),
            ),
          })),
        )
        .catch((error: unknown) => {
          classes = undefined;
          throw error;
        });
      const known = await classes;
      const wanted = parameterKey(attributeIds);
      const match = known.find((row) => row.parameters === wanted);
      if (match) return { ok: true, id: match.id };
      const created = await createProductClass(session, attributeIds, names);
      if (created.ok) known.push({ id: created.id, parameters: wanted });
      return created;
    },
  };
  cache.set(session, references);
  return references;
}

/** Variant parameters compared without regard to their order (first/second). */
const parameterKey = (ids: readonly string[]) => [...ids].sort().join(' ');

async function createValues(
  session: ShoprenterSession,
  attributeId: string,
  missing: [string, string][],
  byName: Map<string, string>,
  languageId: string,
): Promise<void> {
  const created = await sendCatalogBatch(
    session,
    missing.map(() => ({
      method: 'POST',
      path: '/listAttributeValues',
      data: { listAttribute: { id: attributeId } },
    })),
  );
  const ids = created.map((outcome) =>
    outcome.ok ? writtenSchema.safeParse(outcome.body).data?.id : undefined,
  );
  const named = missing.flatMap(([k, name], index) => {
    const id = ids[index];
    return id === undefined ? [] : [{ k, name, id }];
  });
  const described = await sendCatalogBatch(
    session,
    named.map(({ name, id }) => ({
      method: 'POST',
      path: '/listAttributeValueDescriptions',
      data: { name, language: { id: languageId }, listAttributeValue: { id } },
    })),
  );
  for (const [index, { k, id }] of named.entries()) if (described[index]?.ok) byName.set(k, id);
}

async function createProductClass(
  session: ShoprenterSession,
  attributeIds: readonly string[],
  names: readonly string[],
): Promise<Found> {
  const [answer] = await sendCatalogBatch(session, [
    {
      method: 'POST',
      path: '/productClasses',
      data: {
        name: `Koppel ${names.join(' + ')}`,
        description: `Variants by ${names.join(' and ')} (Koppel)`,
      },
    },
  ]);
  const id = answer?.ok ? writtenSchema.safeParse(answer.body).data?.id : undefined;
  if (id === undefined)
    return {
      ok: false,
      reason: `product type not created: ${answer && !answer.ok ? answer.reason : 'no id'}`,
    };
  const related = await sendCatalogBatch(
    session,
    attributeIds.map((attributeId) => ({
      method: 'POST',
      path: '/productClassAttributeRelations',
      data: { productClass: { id }, attribute: { id: attributeId } },
    })),
  );
  const failed = related.find((o) => !o.ok);
  if (failed && !failed.ok) return { ok: false, reason: `product type ${id}: ${failed.reason}` };
  const [first, second] = attributeIds;
  const [parameters] = await sendCatalogBatch(session, [
    {
      method: 'PUT',
      path: `/productClasses/${encodeURIComponent(id)}`,
      data: {
        firstVariantSelectType: 'SELECT',
        firstVariantParameter: { id: first },
        ...(second === undefined
          ? {}
          : { secondVariantSelectType: 'SELECT', secondVariantParameter: { id: second } }),
      },
    },
  ]);
  if (parameters && !parameters.ok) return { ok: false, reason: `product type ${id}: ${parameters.reason}` };
  return { ok: true, id };
}
