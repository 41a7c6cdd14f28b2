import { ASSUMPTIONS } from './assumptions.js';
import { fromScaled, toScaled } from './decimal.js';
import { nowLocal } from './field-values.js';
import type { CompanyState } from './model.js';

const SCALE = 4;

/**
 * Recomputes ARTICLE.QTY_TECH (stock over all warehouses) and QTY_AVAIL (minus open sales order
 * quantities, when sales orders reserve stock) for one article. Quantities are decimal text.
 * With `now`, a change of either figure stamps CNG_DATE (the article record changed, see
 * ASSUMPTIONS.stockChangeStampsCngDate).
 */
export function refreshArticleStock(company: CompanyState, artCode: string, now?: Date): void {
  const article = company.tables.ARTICLE.find((r) => r.ART_CODE === artCode);
  if (!article) return;
  const onHand = Object.values(company.stock[artCode] ?? {}).reduce((sum, q) => sum + toScaled(q, SCALE), 0n);
  let reserved = 0n;
  if (ASSUMPTIONS.salesOrdersReserveStock) {
    for (const line of company.tables.SO_LINE) {
      if (line.ART_CODE === artCode && line.ORD_QTY) reserved += toScaled(String(line.ORD_QTY), SCALE);
    }
  }
  const before = [article.QTY_TECH, article.QTY_AVAIL];
  article.QTY_TECH = fromScaled(onHand, SCALE);
  article.QTY_AVAIL = fromScaled(onHand - reserved, SCALE);
  const changed = before[0] !== article.QTY_TECH || before[1] !== article.QTY_AVAIL;
  if (now && changed && ASSUMPTIONS.stockChangeStampsCngDate) article.CNG_DATE = nowLocal(now);
}

export function setStock(company: CompanyState, artCode: string, warehouse: string, quantity: string): void {
  company.stock[artCode] = { ...(company.stock[artCode] ?? {}), [warehouse]: quantity };
  refreshArticleStock(company, artCode);
}
