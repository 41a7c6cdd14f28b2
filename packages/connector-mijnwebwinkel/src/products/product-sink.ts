/**
 * The Mijnwebwinkel product sink (`ProductSinkCapability` of @koppel/connector-sdk): see
 * upsert-articles.ts and README.md "Product sink".
 */
import type { ProductSinkCapability } from '@koppel/connector-sdk';
import type { MijnwebwinkelProductSession } from './product-session.js';
import { upsertArticles } from './upsert-articles.js';

/** Products per call: one API call or a few each, so a call stays within seconds at 10 requests/s. */
export const ARTICLES_PER_UPSERT = 25;

export const mijnwebwinkelProductSink: ProductSinkCapability<MijnwebwinkelProductSession> = Object.freeze({
  maxBatchSize: ARTICLES_PER_UPSERT,
  upsert: upsertArticles,
});
