import { z } from 'zod';
import { articleListStateSchema } from './article-list-schema.js';
import { storedArticleSchema } from './article-schema.js';
import { catalogStateSchema } from './catalog-schema.js';
import { orderSchema } from './order-schema.js';

/** A store token as created in the back office: bound to one partner, active or not. */
export const storeTokenSchema = z.object({
  token: z.string().min(1),
  partnerToken: z.string().min(1),
  partnerName: z.string().default('Koppel'),
  active: z.boolean().default(true),
});
export type StoreToken = z.infer<typeof storeTokenSchema>;

export const orderStatusSchema = z.object({
  status: z.number().int(),
  nl: z.string(),
  en: z.string(),
  credit_order: z.boolean(),
});
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const storedOrderSchema = z.object({
  number: z.number().int(),
  test: z.boolean(),
  order: orderSchema,
});
export type StoredOrder = z.infer<typeof storedOrderSchema>;

/** A shop customer (spec `Customer`); addresses are not simulated. */
export const customerSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  description: z.string().nullable(),
  addresses: z.array(z.unknown()),
});
export type Customer = z.infer<typeof customerSchema>;

/**
 * The store's own settings as `GET /store` shows them (spec `Store`): its currency (orders carry
 * none in OrderPostable, so every order is in it) and which business models orders may use.
 */
export const storeSettingsSchema = z.object({
  id: z.string().default('e5fc33df-b2bf-40ec-8d8d-56fc34b495cc'),
  name: z.string().default('Koppel testwinkel'),
  currency: z.string().length(3).default('EUR'),
  prices_include_tax: z.boolean().default(true),
  available_business_models: z.enum(['B2C', 'B2B', 'ALL']).default('ALL'),
  region_code: z.string().length(2).default('NL'),
});
export type StoreSettings = z.infer<typeof storeSettingsSchema>;

/** The whole in-memory state; also the JSON of the optional state file and of `/_control/state`. */
export const stateSchema = z.object({
  nextOrderNumber: z.number().int(),
  nextArticleId: z.number().int(),
  nextArticleUrlId: z.number().int(),
  tokens: z.array(storeTokenSchema),
  statuses: z.array(orderStatusSchema),
  orders: z.array(storedOrderSchema),
  articles: z.array(storedArticleSchema),
  customers: z.array(customerSchema).default([]),
  store: storeSettingsSchema.default(storeSettingsSchema.parse({})),
  /** Categories (shop pages), created on first use (catalog-schema.ts). */
  catalog: catalogStateSchema.optional(),
  /** The store's article lists (article-list-schema.ts), created on first use. */
  articleLists: articleListStateSchema.optional(),
});
export type SimulatorState = z.infer<typeof stateSchema>;
