import { appError } from '@koppel/errors';
import type { Article } from './article-schema.js';
import { DEFAULT_TAXABLE_RATE, DISCOUNT_LINE_TYPE } from './assumptions.js';
import { excludingVat, formatDecimal, parseDecimal, rescale } from './money.js';
import type { OrderLineInput } from './order-input-schema.js';
import type { OrderLine, TaxPrice } from './order-schema.js';

/** A computed line plus the figures the order totals need (cents incl., micro-units excl.). */
export type PricedLine = {
  line: OrderLine;
  perRate: { rate: string; includingCents: bigint; excludingMicros: bigint }[];
  stockMove?: { articleId: number; quantity: number };
};

export type LineContext = {
  newId: () => string;
  findArticle: (ref: { id?: number; sku?: string }) => Article | undefined;
  /** Zero-rated or reverse-charged orders carry 0% on every line. */
  zeroRated: boolean;
};

export function normaliseRate(rate: string): string {
  return formatDecimal(parseDecimal(rate, 2), 2);
}

export function toTaxPrice(rate: string, includingCents: bigint): TaxPrice {
  const excl = excludingVat(includingCents, parseDecimal(rate, 2));
  return { rate, amount: formatDecimal(excl, 6), amount_including_tax: formatDecimal(includingCents, 2) };
}

export function priceLine(input: OrderLineInput, index: number, ctx: LineContext): PricedLine {
  const rateOf = (given: string) => (ctx.zeroRated ? '0.00' : normaliseRate(given));
  if (input.type === 'discount') {
    const prices = input.prices.map((p) => toTaxPrice(rateOf(p.rate), parseDecimal(p.amount, 2)));
    return {
      line: baseLine(ctx, DISCOUNT_LINE_TYPE, input.description, 1, prices[0]!, prices, [], 0),
      perRate: prices.map(figures),
    };
  }
  if (input.type === 'custom') {
    const unit = toTaxPrice(rateOf(input.rate), parseDecimal(input.unit_price, 2));
    const total = toTaxPrice(unit.rate, parseDecimal(input.unit_price, 2) * BigInt(input.quantity));
    return {
      line: baseLine(ctx, 'custom', input.description, input.quantity, unit, total, [], 0),
      perRate: [figures(total)],
    };
  }
  const article = ctx.findArticle({
    ...(input.article_id !== undefined ? { id: input.article_id } : {}),
    ...(input.sku !== undefined ? { sku: input.sku } : {}),
  });
  if (!article) {
    throw appError('VALIDATION_FAILED', 'no article with that article_id or sku', {
      field: `lines[${index}]`,
    });
  }
  const rate = rateOf(input.rate ?? (article.taxable ? DEFAULT_TAXABLE_RATE : '0.00'));
  const unitCents = parseDecimal(input.unit_price ?? article.price.action ?? article.price.default, 2);
  const unit = toTaxPrice(rate, unitCents);
  const total = toTaxPrice(rate, unitCents * BigInt(input.quantity));
  const lineArticle = {
    id: article.id,
    description: article.name,
    sku: article.sku,
    price: { amount: unit.amount, rate, purchase_price: article.price.purchase ?? '' },
    options: input.options,
  };
  return {
    line: baseLine(
      ctx,
      'article',
      article.name,
      input.quantity,
      unit,
      total,
      [lineArticle],
      input.unit_weight,
    ),
    perRate: [figures(total)],
    stockMove: { articleId: article.id, quantity: input.quantity },
  };
}

function figures(price: TaxPrice) {
  return {
    rate: price.rate,
    includingCents: parseDecimal(price.amount_including_tax, 2),
    excludingMicros: parseDecimal(price.amount, 6),
  };
}

function baseLine(
  ctx: LineContext,
  type: string,
  description: string,
  quantity: number,
  unit: TaxPrice,
  price: TaxPrice | TaxPrice[],
  articles: OrderLine['articles'],
  unitWeight: number,
): OrderLine {
  return {
    id: ctx.newId(),
    type,
    quantity,
    unit_price: unit,
    unit_weight: String(unitWeight),
    price_override: false,
    articles,
    weight: String(unitWeight * quantity),
    description,
    price,
  };
}

/** VAT per rate = incl. total − excl. total rounded to cents; highest rate first. */
export function taxPerRate(lines: PricedLine[]): { rate: string; amount: string }[] {
  const byRate = new Map<string, { incl: bigint; excl: bigint }>();
  for (const f of lines.flatMap((l) => l.perRate)) {
    const sum = byRate.get(f.rate) ?? { incl: 0n, excl: 0n };
    byRate.set(f.rate, { incl: sum.incl + f.includingCents, excl: sum.excl + f.excludingMicros });
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => Number(parseDecimal(b, 2) - parseDecimal(a, 2)))
    .map(([rate, sum]) => ({ rate, amount: formatDecimal(sum.incl - rescale(sum.excl, 6, 2), 2) }));
}

export function orderTotal(lines: PricedLine[]): string {
  return formatDecimal(
    lines.flatMap((l) => l.perRate).reduce((acc, f) => acc + f.includingCents, 0n),
    2,
  );
}
