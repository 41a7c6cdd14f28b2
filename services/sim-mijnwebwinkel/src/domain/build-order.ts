import type { Article } from './article-schema.js';
import { COUNTRY_NAMES } from './assumptions.js';
import type { LocalDateTime } from './local-time.js';
import type { AddressInput, CreateOrderInput } from './order-input-schema.js';
import { orderTotal, priceLine, taxPerRate } from './order-lines.js';
import { type Address, type Order, PAYMENT_STATUS_TEXTS } from './order-schema.js';

export type BuildOrderContext = {
  number: number;
  status: number;
  placedAt: LocalDateTime;
  newId: () => string;
  findArticle: (ref: { id?: number; sku?: string }) => Article | undefined;
};

export type BuiltOrder = { order: Order; stockMoves: { articleId: number; quantity: number }[] };

/** Composes the Order resource a checkout with these details would produce. Pure. */
export function buildOrder(input: CreateOrderInput, ctx: BuildOrderContext): BuiltOrder {
  const zeroRated = input.tax_strategy !== '';
  const priced = input.lines.map((line, i) =>
    priceLine(line, i, { newId: ctx.newId, findArticle: ctx.findArticle, zeroRated }),
  );
  const invoice = {
    ...toAddress(input.debtor.invoice),
    taxnumber: input.debtor.invoice.taxnumber,
    bankaccount: input.debtor.invoice.bankaccount,
  };
  const delivery = input.debtor.delivery ? toAddress(input.debtor.delivery) : toAddress(input.debtor.invoice);
  const weight = priced.reduce((acc, p) => acc + Number(p.line.weight), 0);
  const order: Order = {
    number: ctx.number,
    uuid: ctx.newId(),
    date: ctx.placedAt.date,
    time: ctx.placedAt.time,
    status: ctx.status,
    status_changed_date: ctx.placedAt.date,
    status_changed_time: ctx.placedAt.time,
    weight: String(weight),
    archived: input.archived,
    finished: true,
    taxed: 'VAT added',
    locale: input.locale,
    discountcode: input.discountcode,
    currency: input.currency,
    currency_format_locale: input.locale,
    credited_order_number: input.credited_order_number ?? null,
    credit_order_numbers: [],
    comments: input.comments,
    business_model: input.business_model,
    reference: input.business_model === 'B2B' ? input.reference : '',
    tax_region: input.tax_region ?? delivery.country_code,
    tax_strategy: input.tax_strategy,
    partner: input.partner !== undefined ? { name: input.partner } : null,
    payment_status: input.payment_status,
    payment: {
      gateway_name: input.payment.gateway_name,
      method_name: input.payment.method_name,
      status: {
        id: input.payment.status_id,
        text: PAYMENT_STATUS_TEXTS[input.payment.status_id] ?? 'Unknown',
      },
    },
    debtor: {
      id: input.debtor.id,
      email: input.debtor.email,
      link_to_account: input.debtor.link_to_account,
      address: { invoice, delivery },
      gender: invoice.gender,
      name: invoice.name,
      company: invoice.company,
      phone: invoice.phone,
      bankaccount: invoice.bankaccount,
    },
    price: { tax: taxPerRate(priced), total: orderTotal(priced) },
    orderlines: priced.map((p) => p.line),
    shipping: [
      {
        country: input.empty_shipping_country
          ? []
          : {
              description: COUNTRY_NAMES[delivery.country_code] ?? delivery.country_code,
              isocode: delivery.country_code,
            },
      },
    ],
  };
  const stockMoves = priced.flatMap((p) => (p.stockMove ? [p.stockMove] : []));
  return { order, stockMoves };
}

function toAddress(input: AddressInput): Address {
  return {
    id: null,
    gender: input.gender,
    name: input.name,
    company: input.company,
    phone: input.phone,
    street: input.street,
    number: input.number,
    zipcode: input.zipcode,
    city: input.city,
    country: COUNTRY_NAMES[input.country_code] ?? input.country_code,
    country_code: input.country_code,
  };
}
