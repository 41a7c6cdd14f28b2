/**
 * The store's own settings (`GET /store`, spec `Store`): `currency` — OrderPostable carries no
 * currency, so a shop order is always in the store's — and `available_business_models`, which
 * decides whether an order may be `B2B` (spec guide "Business models").
 * https://myonlinestore.github.io/public-api-docs/
 */
import { z } from 'zod';
import { mijnwebwinkelTargetErrors } from './target-errors.js';
import type { MijnwebwinkelTargetSession } from './target-session.js';

export const storeSchema = z.object({
  currency: z.string().length(3),
  available_business_models: z
    .enum(['B2C', 'B2B', 'ALL'])
    .nullish()
    .transform((value) => value ?? 'B2C'),
});
export type MijnwebwinkelStore = z.output<typeof storeSchema>;

/** Read once per session: a store's currency and business models change rarely. */
const cache = new WeakMap<MijnwebwinkelTargetSession, Promise<MijnwebwinkelStore>>();

export function readStore(session: MijnwebwinkelTargetSession): Promise<MijnwebwinkelStore> {
  const cached = cache.get(session);
  if (cached) return cached;
  const reading = session.client.request({ method: 'GET', path: '/store' }).then((answer) => {
    const parsed = storeSchema.safeParse(answer);
    if (!parsed.success) {
      throw mijnwebwinkelTargetErrors.badResponse(
        'Mijnwebwinkel answered GET /store with an unexpected body',
        parsed.error,
      );
    }
    return parsed.data;
  });
  cache.set(session, reading);
  reading.catch(() => cache.delete(session));
  return reading;
}

/** Refuses, before any write, an order in another currency than the store's. */
export function assertStoreCurrency(store: MijnwebwinkelStore, currency: string): void {
  if (currency !== store.currency) {
    throw mijnwebwinkelTargetErrors.invalidOrder(
      `the order is in ${currency || 'no currency'}; this Mijnwebwinkel store sells in ${store.currency} and a shop order carries no currency of its own`,
      'currency',
    );
  }
}

/**
 * The business model the store lets the order have: a company's order is `B2B` where the store
 * allows it (with its till reference in `reference`), else `B2C` with the company and VAT number
 * still on the invoice address; a person's order in a B2B-only store is refused (B2B needs a company).
 */
export function allowedBusinessModel(store: MijnwebwinkelStore, wanted: 'B2C' | 'B2B'): 'B2C' | 'B2B' {
  if (store.available_business_models === 'B2C') return 'B2C';
  if (store.available_business_models === 'B2B' && wanted === 'B2C') {
    throw mijnwebwinkelTargetErrors.invalidOrder(
      'this Mijnwebwinkel store takes only B2B orders, which need a company; the till customer has none',
      'customer.companyName',
    );
  }
  return wanted;
}
