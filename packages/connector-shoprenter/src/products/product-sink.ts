/**
 * The Shoprenter product sink (`ProductSinkCapability` of @koppel/connector-sdk): see
 * upsert-products.ts and README.md "Product sink".
 */
import type { ProductSinkCapability } from '@koppel/connector-sdk';
import type { ShoprenterSession } from '../poll-orders.js';
import { upsertProducts } from './upsert-products.js';

/**
 * Products per call. Each takes a sub-request or two per write step (up to 200 per `/batch`), so
 * 50 products with a few variants and images keep every step to one batch request.
 */
export const PRODUCTS_PER_UPSERT = 50;

export const shoprenterProductSink: ProductSinkCapability<ShoprenterSession> = Object.freeze({
  maxBatchSize: PRODUCTS_PER_UPSERT,
  upsert: upsertProducts,
});
