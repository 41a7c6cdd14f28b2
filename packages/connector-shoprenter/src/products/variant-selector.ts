/**
 * Shoprenter's variant picker for products with variants (README.md "Variant selector"): before
 * the writes, the product type and the list values each child takes are resolved (created when
 * missing and allowed); the parent and its children get that `productClass` in their
 * `/productExtend` body, and after the children are written each takes its values through
 * `/productListAttributeValueRelations` (an existing child's other values of the same attributes
 * are deleted first). A child written price-only ("update product information" off) is left as is.
 * https://doc.shoprenter.hu/development/api-examples/08_product_attribute_handling.html
 */
import { z } from 'zod';
import type { ShoprenterSession } from '../poll-orders.js';
import { type CatalogSubRequest, sendCatalogBatch } from './catalog-batch.js';
import { idOfHref, pageOf } from './catalog-schemas.js';
import { planVariantSelector } from './plan-variant-selector.js';
import type { ProductWork } from './prepare-products.js';
import { shopReferencesOf } from './shop-references.js';
import { variantReferencesOf } from './variant-references.js';

const relationSchema = pageOf(
  z.object({ id: z.string().min(1), listAttributeValue: z.object({ href: z.string() }).optional() }),
);

/** Resolves the picker of each product that gets its information written; refuses the ones that cannot have it. */
export async function resolveSelectors(
  session: ShoprenterSession,
  works: readonly ProductWork[],
): Promise<void> {
  const { attributes: mapping, createMissingValues } = session.settings.variantSelector;
  const references = variantReferencesOf(session, shopReferencesOf(session).languageId);
  for (const w of works) {
    const decision = planVariantSelector(w.product, mapping);
    if ('none' in decision) continue;
    if ('refusal' in decision) {
      w.refusal = decision.refusal;
      continue;
    }
    const { listAttributes, values } = decision.plan;
    const attributeIds: string[] = [];
    const valueIds: string[][] = values.map(() => []);
    const pickerValueIds = new Set<string>();
    for (const list of listAttributes) {
      const attribute = await references.listAttribute(list);
      if (!attribute.ok) {
        const from = Object.keys(mapping).filter((name) => mapping[name] === list);
        w.refusal = `${attribute.reason} (variantSelector.attributes maps "${from.join('", "')}" to it)`;
        break;
      }
      attributeIds.push(attribute.id);
      const names = values.flatMap((own) => [own.get(list) ?? '']);
      const found = await references.values(attribute.id, names, createMissingValues);
      for (const [index, name] of names.entries()) {
        const value = found.get(name.trim().toLowerCase());
        if (!value?.ok) {
          w.refusal ??= `variant ${w.variants[index]?.variant.sku ?? ''}: attribute "${list}": ${value?.reason ?? 'no value'}`;
          continue;
        }
        valueIds[index]?.push(value.id);
      }
      for (const id of await references.valueIdsOf(attribute.id)) pickerValueIds.add(id);
    }
    if (w.refusal !== undefined) continue;
    const productClass = await references.productClass(attributeIds, listAttributes);
    if (!productClass.ok) {
      w.refusal = productClass.reason;
      continue;
    }
    w.selector = { productClassId: productClass.id, pickerValueIds, valueIds };
  }
}

type Child = { w: ProductWork; index: number; productId: string; existing: boolean };

/** Sets each written child's values: reads an existing child's relations, deletes stale ones, adds missing ones. */
export async function writeSelectorValues(
  session: ShoprenterSession,
  works: readonly ProductWork[],
  updateProductInfo: boolean,
): Promise<void> {
  const children: Child[] = works.flatMap((w) =>
    w.selector === undefined || w.refusal !== undefined
      ? []
      : w.variants.flatMap((v, index) =>
          v.id !== undefined && (v.existingId === undefined || updateProductInfo)
            ? [{ w, index, productId: v.id, existing: v.existingId !== undefined }]
            : [],
        ),
  );
  const existing = children.filter((c) => c.existing);
  const reads = await sendCatalogBatch(
    session,
    existing.map((c) => ({
      method: 'GET',
      path: `/productListAttributeValueRelations?productId=${encodeURIComponent(c.productId)}&full=1&limit=200`,
    })),
  );
  const current = new Map<Child, { id: string; valueId: string }[]>();
  for (const [index, child] of existing.entries()) {
    const outcome = reads[index];
    const page = outcome?.ok ? relationSchema.safeParse(outcome.body) : undefined;
    if (!page?.success) {
      child.w.refusal ??= `variant ${child.w.variants[child.index]?.variant.sku ?? ''}: its attribute values could not be read`;
      continue;
    }
    current.set(
      child,
      page.data.items.flatMap((r) =>
        r.listAttributeValue ? [{ id: r.id, valueId: idOfHref(r.listAttributeValue.href) }] : [],
      ),
    );
  }
  const requests: { child: Child; request: CatalogSubRequest }[] = [];
  for (const child of children) {
    const selector = child.w.selector;
    if (!selector || child.w.refusal !== undefined) continue;
    const wanted = selector.valueIds[child.index] ?? [];
    const now = current.get(child) ?? [];
    for (const stale of now.filter(
      (r) => selector.pickerValueIds.has(r.valueId) && !wanted.includes(r.valueId),
    )) {
      requests.push({
        child,
        request: {
          method: 'DELETE',
          path: `/productListAttributeValueRelations/${encodeURIComponent(stale.id)}`,
        },
      });
    }
    for (const valueId of wanted.filter((id) => !now.some((r) => r.valueId === id))) {
      requests.push({
        child,
        request: {
          method: 'POST',
          path: '/productListAttributeValueRelations',
          data: { product: { id: child.productId }, listAttributeValue: { id: valueId } },
        },
      });
    }
  }
  const outcomes = await sendCatalogBatch(
    session,
    requests.map((r) => r.request),
  );
  for (const [index, { child }] of requests.entries()) {
    const outcome = outcomes[index];
    if (outcome && !outcome.ok) {
      child.w.refusal ??= `variant ${child.w.variants[child.index]?.variant.sku ?? ''}: ${outcome.reason}`;
    }
  }
}
