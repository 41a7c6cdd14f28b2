import type { Article, Product, SimulatorState, StockEntry } from './model.js';

export function findArticle(
  state: SimulatorState,
  articleNumber: number,
): { product: Product; article: Article } | undefined {
  for (const product of state.products) {
    const article = product.articles.find((a) => a.articleNumber === articleNumber);
    if (article) return { product, article };
  }
  return undefined;
}

export function vatPercentage(
  state: SimulatorState,
  branchNumber: number,
  vatCode: number,
): number | undefined {
  return state.vatGroups.find((g) => g.branchNumber === branchNumber && g.vatCode === vatCode)?.vatPercentage;
}

export const stockKey = (branchNumber: number, articleNumber: number) => `${branchNumber}:${articleNumber}`;

export function stockEntry(
  state: SimulatorState,
  branchNumber: number,
  articleNumber: number,
  now: Date,
): StockEntry {
  const key = stockKey(branchNumber, articleNumber);
  const existing = state.stock[key];
  if (existing) return existing;
  const created: StockEntry = {
    free: 0,
    reserved: 0,
    incoming: 0,
    changeTimestamp: now.toISOString(),
    stockId: 0,
  };
  state.stock[key] = created;
  return created;
}
