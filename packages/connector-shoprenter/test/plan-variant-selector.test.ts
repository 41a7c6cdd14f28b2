/** The pure variant picker plan (README.md "Variant selector"): lists in the map's order, refusals in words. */
import type { CatalogProduct, CatalogVariant } from '@koppel/connector-sdk';
import t from 'tap';
import { planVariantSelector } from '../src/products/plan-variant-selector.js';
import { aProduct } from './product-sink-helpers.js';

const MAP = { size: 'meret', colour: 'szin', material: 'anyag' };
const withVariants = (...variants: CatalogVariant['attributes'][]): CatalogProduct =>
  aProduct({ variants: variants.map((attributes, i) => ({ sku: `V-${i}`, attributes })) });

t.test('the plan: the mapped lists in the map’s order, each child’s values', async (t) => {
  const decision = planVariantSelector(
    withVariants({ Colour: 'piros', size: 'M' }, { size: 'L', colour: 'kék' }),
    MAP,
  );
  t.ok('plan' in decision);
  if (!('plan' in decision)) return;
  t.same(decision.plan.listAttributes, ['meret', 'szin']);
  t.same(
    decision.plan.values.map((v) => Object.fromEntries(v)),
    [
      { meret: 'M', szin: 'piros' },
      { meret: 'L', szin: 'kék' },
    ],
  );
});

t.test('no variants or no map: no picker', async (t) => {
  t.same(planVariantSelector(aProduct(), MAP), { none: true });
  t.same(planVariantSelector(withVariants({ size: 'M' }), {}), { none: true });
});

t.test('refusals name what is wrong', async (t) => {
  const reason = (product: CatalogProduct) => {
    const decision = planVariantSelector(product, MAP);
    return 'refusal' in decision ? decision.refusal : '';
  };
  t.match(
    reason(withVariants({ size: 'M', fit: 'slim' })),
    /attribute "fit" has no Shoprenter list attribute/,
  );
  t.match(reason(withVariants({ size: 'M', colour: 'piros', material: 'pamut' })), /at most 2 attributes/);
  t.match(
    reason(withVariants({ size: 'M', colour: 'piros' }, { size: 'L' })),
    /V-1 has no value for Shoprenter attribute "szin"/,
  );
  t.match(reason(withVariants({ size: 'M' }, { size: 'm' })), /V-1 has the same meret as another variant/);
  t.match(reason(withVariants({ size: ' ' })), /attribute "size" has no value/);
});
