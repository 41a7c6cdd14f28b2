import type { LineInput } from '../soap/request-schemas.js';
import type { Article, VatMethod } from './model.js';
import { divRound } from './quantity.js';

export type PricedLine = {
  price: number;
  priceExcl: number;
  lineTotalIncl: number;
  lineTotalExcl: number;
};

/**
 * Prices one line in integer cents (notes §3.2, §3.4, §5):
 * - INCLUSIVE: `price` is incl. VAT; when absent it is computed from `priceExcl`, else the article's.
 * - EXCLUSIVE: the sent price is excl. VAT (web-company sends excl. prices with this method).
 * - SHIFTED / NONE: no VAT is charged, incl = excl.
 * Quantity is `quantity / 10^decimalPlaces`; discounts (percentage, then amount incl.) apply to the
 * line total; excl. VAT per line, half-up to cents.
 */
export function priceLine(line: LineInput, article: Article, vatPct: number, method: VatMethod): PricedLine {
  const pct = BigInt(method === 'VAT-METHOD-SHIFTED' || method === 'VAT-METHOD-NONE' ? 0 : vatPct);
  const d = line.data;
  const articleExcl = divRound(BigInt(article.price) * 100n, 100n + BigInt(vatPct));
  let priceIncl: bigint;
  let priceExcl: bigint;
  if (method === 'VAT-METHOD-INCLUSIVE') {
    priceIncl =
      d.price !== undefined
        ? BigInt(d.price)
        : d.priceExcl !== undefined
          ? divRound(BigInt(d.priceExcl) * (100n + pct), 100n)
          : BigInt(article.price);
    priceExcl = d.priceExcl !== undefined ? BigInt(d.priceExcl) : divRound(priceIncl * 100n, 100n + pct);
  } else {
    priceExcl =
      d.priceExcl !== undefined ? BigInt(d.priceExcl) : d.price !== undefined ? BigInt(d.price) : articleExcl;
    priceIncl = divRound(priceExcl * (100n + pct), 100n);
  }
  const scale = 10n ** BigInt(d.decimalPlaces ?? 0);
  const qty = BigInt(d.quantity);
  const base = method === 'VAT-METHOD-INCLUSIVE' ? priceIncl : priceExcl;
  let total = divRound(base * qty, scale);
  if (d.discountPercentage) total = divRound(total * BigInt(100 - d.discountPercentage), 100n);
  // LineData has both discountAmount (incl.) and discountAmountExcl (notes §3.4): each method
  // reads its own and falls back to the other, so an excl.-only discount is not ignored.
  const discount =
    method === 'VAT-METHOD-INCLUSIVE'
      ? (d.discountAmount ?? d.discountAmountExcl)
      : (d.discountAmountExcl ?? d.discountAmount);
  if (discount) total -= BigInt(discount);
  const incl = method === 'VAT-METHOD-INCLUSIVE' ? total : divRound(total * (100n + pct), 100n);
  const excl = method === 'VAT-METHOD-INCLUSIVE' ? divRound(total * 100n, 100n + pct) : total;
  return {
    price: Number(priceIncl),
    priceExcl: Number(priceExcl),
    lineTotalIncl: Number(incl),
    lineTotalExcl: Number(excl),
  };
}
