import { appError, isAppError } from '@koppel/errors';
import type { FastifyInstance } from 'fastify';
import { POST_ORDER_STATUS } from '../domain/assumptions.js';
import type { CustomerStore } from '../domain/customer-store.js';
import type { StoreSettings } from '../domain/state.js';
import { formatDecimal, parseDecimal } from '../domain/money.js';
import { type CreateOrderInput, createOrderInputSchema } from '../domain/order-input-schema.js';
import { presentOrder } from '../domain/present-order.js';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import { type OrderPostable, orderPostableSchema, postOrderQuerySchema } from './post-order-schema.js';
import { respond } from './respond.js';

type PostAddress = OrderPostable['debtor']['address']['invoice'];

function toAddress(a: PostAddress) {
  return {
    name: a.name,
    zipcode: a.zipcode,
    gender: a.gender ?? '',
    company: a.company ?? '',
    phone: a.phone ?? '',
    street: a.street ?? '',
    number: a.number ?? '',
    city: a.city ?? '',
    country_code: a.country_code ?? 'NL',
  };
}

/** A custom line's unit price incl. VAT in cents: `amount_including_tax`, else `amount` + VAT half-up. */
function includingCents(p: {
  rate: string;
  amount?: string | undefined;
  amount_including_tax?: string | undefined;
}): bigint {
  if (p.amount_including_tax !== undefined) return parseDecimal(p.amount_including_tax, 2);
  const micros = parseDecimal(p.amount ?? '0', 6);
  const rate = parseDecimal(p.rate, 2);
  const gross = micros * (10_000n + rate);
  const scale = 10_000n * 10_000n; // micros → cents (÷10⁴) and the rate (÷10⁴)
  const half = gross < 0n ? -scale / 2n : scale / 2n;
  return (gross + half) / scale;
}

/** OrderPostable → the simulator's checkout input (`POST /_control/orders`), so both share one store. */
function toCreateInput(
  body: OrderPostable,
  customers: CustomerStore,
  store: StoreSettings,
): CreateOrderInput {
  if (body.debtor.id !== undefined && !customers.find(body.debtor.id)) {
    throw appError('VALIDATION_FAILED', 'no customer with this id', { field: 'debtor.id' });
  }
  // Spec "Business models": omitted = the store's model (B2C when it allows ALL); B2B needs the
  // store to allow it and a company on the invoice address.
  const businessModel = body.business_model ?? (store.available_business_models === 'B2B' ? 'B2B' : 'B2C');
  if (businessModel === 'B2B' && store.available_business_models === 'B2C') {
    throw appError('VALIDATION_FAILED', 'this store does not allow B2B orders', { field: 'business_model' });
  }
  if (businessModel === 'B2C' && store.available_business_models === 'B2B') {
    throw appError('VALIDATION_FAILED', 'this store allows only B2B orders', { field: 'business_model' });
  }
  if (body.reference !== undefined && businessModel !== 'B2B') {
    throw appError('VALIDATION_FAILED', 'reference is only available for B2B orders', { field: 'reference' });
  }
  if (businessModel === 'B2B' && (body.debtor.address.invoice.company ?? '') === '') {
    throw appError('VALIDATION_FAILED', 'B2B needs a company on the invoice address', {
      field: 'debtor.address.invoice.company',
    });
  }
  const lines = body.orderlines.map((line, i) => {
    if (line.type === 'article') {
      const article = line.articles?.[0];
      if (!article)
        throw appError('VALIDATION_FAILED', 'articles is required for the article type', {
          field: `orderlines.${i}.articles`,
        });
      return {
        type: 'article' as const,
        article_id: article.id,
        quantity: line.quantity,
        ...(line.price_override !== undefined && {
          unit_price: formatDecimal(parseDecimal(line.price_override, 2), 2),
        }),
        options: (article.options ?? []).map((o) => ({
          list_option_id: o.list_option_id,
          description: `optie ${o.list_option_id}`,
        })),
      };
    }
    if (!line.unit_price || !line.description) {
      throw appError('VALIDATION_FAILED', 'a custom line needs description and unit_price', {
        field: `orderlines.${i}`,
      });
    }
    return {
      type: 'custom' as const,
      description: line.description,
      quantity: line.quantity,
      unit_price: formatDecimal(includingCents(line.unit_price), 2),
      rate: line.unit_price.rate,
    };
  });
  return createOrderInputSchema.parse({
    ...(body.status !== undefined && { status: body.status }),
    archived: body.archived ?? false,
    business_model: businessModel,
    // OrderPostable has no currency: an order is in the store's currency (spec `Store.currency`).
    currency: store.currency,
    reference: body.reference ?? '',
    discountcode: body.discountcode ?? '',
    comments: { customer: '', internal: body.comments?.internal ?? '' },
    ...(body.payment && {
      payment: {
        gateway_name: body.payment.gateway_name,
        method_name: body.payment.method_name,
        status_id: body.payment.status?.id ?? 0,
      },
    }),
    debtor: {
      id: body.debtor.id ?? null,
      email: body.debtor.email,
      link_to_account: body.debtor.link_to_account ?? false,
      invoice: {
        ...toAddress(body.debtor.address.invoice),
        taxnumber: body.debtor.address.invoice.taxnumber ?? '',
        bankaccount: body.debtor.address.invoice.bankaccount ?? '',
      },
      ...(body.debtor.address.delivery && { delivery: toAddress(body.debtor.address.delivery) }),
    },
    lines,
    // "Ignore stock limitations on articles, mutations are still applied": stock always moves.
    mutate_stock: true,
  });
}

/** The order store names a line by the checkout input (`lines[i]`); the caller sent `orderlines`,
 * so the 422 names the field of the request body (the article id of that line). */
function withApiLineFields<T>(create: () => T): T {
  try {
    return create();
  } catch (error) {
    const index = isAppError(error) ? /^lines\[(\d+)\]$/.exec(error.field ?? '')?.[1] : undefined;
    if (index === undefined) throw error;
    throw appError('VALIDATION_FAILED', 'no article with this id', {
      field: `orderlines.${index}.articles.0.id`,
    });
  }
}

/** `POST /orders` (spec `postOrder`): creates the order, answers 200 with the Order. */
export function registerPostOrderRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/orders', async (request, reply) => {
    const q = parseInput(postOrderQuerySchema, request.query, 'query');
    const body = parseInput(orderPostableSchema, request.body ?? {}, 'body');
    const order = withApiLineFields(() =>
      deps.orders.create(toCreateInput(body, deps.customers, deps.holder.state.store)),
    );
    reply.code(POST_ORDER_STATUS);
    return respond(reply, q.format, 'order', presentOrder(order, deps.options));
  });
}
