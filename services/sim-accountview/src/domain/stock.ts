import { ASSUMPTIONS } from './assumptions.js';
import { fromScaled, toScaled } from './decimal.js';
import type { CompanyState } from './model.js';

const SCALE = 4;

/**
 * Recomputes ARTICLE.QTY_TECH (stock over all warehouses) and QTY_AVAIL (minus open sales order
 * quantities, when sales orders reserve stock) for one article. Quantities are decimal text.
 */
export function refreshArticleStock(company: CompanyState, artCode: string): void {
  const article = company.tables.ARTICLE.find((r) => r.ART_CODE === artCode);
  if (!article) return;
  const onHand = Object.values(company.stock[artCode] ?? {}).reduce((sum, q) => sum + toScaled(q, SCALE), 0n);
  let reserved = 0n;
  if (ASSUMPTIONS.salesOrdersReserveStock) {
    for (const line of company.tables.SO_LINE) {
      if (line.ART_CODE === artCode && line.ORD_QTY) reserved += toScaled(String(line.ORD_QTY), SCALE);
    }
  }
  article.QTY_TECH = fromScaled(onHand, SCALE);
  article.QTY_AVAIL = fromScaled(onHand - reserved, SCALE);
}

export function setStock(company: CompanyState, artCode: string, warehouse: string, quantity: string): void {
  company.stock[artCode] = { ...(company.stock[artCode] ?? {}), [warehouse]: quantity };
  refreshArticleStock(company, artCode);
}
