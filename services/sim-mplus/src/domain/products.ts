import type { Product, SimulatorState } from './model.js';

export type ProductQuery = {
  articleNumbers: number[];
  groupNumbers: number[];
  productNumbers: number[];
  pluNumbers: string[];
  onlyWebshop: boolean;
  onlyActive: boolean;
  syncMarker?: number;
  syncMarkerLimit?: number;
};

/**
 * getProducts (notes §3.6): filters narrow products and their articles; with a syncMarker > 0 only
 * products changed after it come back, in marker order, at most syncMarkerLimit (MP-DEV: start at
 * 0, store the highest marker returned).
 */
export function queryProducts(state: SimulatorState, q: ProductQuery): Product[] {
  let products = state.products
    .filter((p) => q.productNumbers.length === 0 || q.productNumbers.includes(p.productNumber))
    .filter((p) => q.groupNumbers.length === 0 || p.groupNumbers.some((g) => q.groupNumbers.includes(g)))
    .filter((p) => q.syncMarker === undefined || q.syncMarker <= 0 || p.syncMarker > q.syncMarker)
    .map((p) => ({
      ...p,
      articles: p.articles.filter(
        (a) =>
          (q.articleNumbers.length === 0 || q.articleNumbers.includes(a.articleNumber)) &&
          (q.pluNumbers.length === 0 || (a.pluNumber !== undefined && q.pluNumbers.includes(a.pluNumber))) &&
          (!q.onlyWebshop || a.webshop) &&
          (!q.onlyActive || a.active),
      ),
    }))
    .filter((p) => p.articles.length > 0)
    .sort((a, b) => a.syncMarker - b.syncMarker);
  if (q.syncMarkerLimit !== undefined && q.syncMarkerLimit > 0)
    products = products.slice(0, q.syncMarkerLimit);
  return products;
}
