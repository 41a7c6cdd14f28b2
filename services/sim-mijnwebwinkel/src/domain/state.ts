import { z } from 'zod';
import { storedArticleSchema } from './article-schema.js';
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
});
export type SimulatorState = z.infer<typeof stateSchema>;
