/**
 * The small interfaces every Koppel connector implements: plain types and functions, no base
 * classes. A source connector turns webhook bodies or polls into canonical orders; a target
 * connector books canonical orders in a target system. Both declare zod schemas for their
 * settings and credentials, which the admin API validates and publishes in its OpenAPI document.
 * `http/` holds the HTTP helpers every connector's client.ts shares (status classes, Retry-After,
 * fetch failures), so a status means the same thing for every vendor, and the target fetch (a
 * keep-alive pool per host, a rate limiter shared by replicas through `rate/`).
 */
export type { CheckFinding, ConnectionContext, FetchLike, SessionServices } from './connection-context.js';
export { contentDigest } from './content-digest.js';
export {
  classifyResponse,
  classifyStatus,
  type ResponseClass,
  type StatusClass,
} from './http/classify-response.js';
export { describeFetchFailure, type FetchFailure } from './http/fetch-failure.js';
export { parseRetryAfter } from './http/retry-after.js';
export {
  createHostPool,
  DEFAULT_HOST_POOL_OPTIONS,
  type HostPool,
  type HostPoolOptions,
  sharedHostPool,
} from './http/host-pool.js';
export { createPooledFetch, pooledFetch } from './http/pooled-fetch.js';
export { createTargetFetch, type TargetFetchOptions } from './http/target-fetch.js';
export { createLocalRateBucket } from './rate/local-rate-bucket.js';
export {
  bindRateBucket,
  type RateBucket,
  type RateBucketShape,
  type RateBucketStore,
  type RateBucketTake,
} from './rate/rate-bucket.js';
export {
  createRateLimiter,
  DEFAULT_MAX_RATE_WAIT_MS,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate/rate-limiter.js';
export {
  DEFAULT_RETRY_AFTER_SECONDS,
  readJson,
  targetTransientStatusError,
  targetTransportError,
} from './http/target-errors.js';
export { parseUntrustedXml, untrustedXmlProblem, type XmlProblem } from './xml/untrusted-xml.js';
export {
  countryCodeSchema,
  describeVatRate,
  findRateRule,
  type RateLimitOptions,
  type RateRule,
  rateLimitSchema,
  reverseChargeLegalTextSchema,
  timeZoneSchema,
  vatRateBpSchema,
} from './settings/index.js';
export type {
  AnySourceConnector,
  BookedOrder,
  CursorReset,
  DecodeContext,
  PollCapability,
  PollResult,
  SourceConnector,
  SourceEvent,
  WebhookCapability,
  WebhookEvent,
  WebhookInput,
} from './source-connector.js';
export type {
  AnyTargetConnector,
  PreparedDocument,
  TargetConnector,
  TargetDebtor,
  TargetDocument,
} from './target-connector.js';
export type {
  CatalogPage,
  CatalogProduct,
  CatalogVariant,
  ProductSinkCapability,
  ProductSourceCapability,
  ProductUpsertResult,
} from './products.js';
export { decimalToHundredths } from './products.js';
export type {
  StockPush,
  StockPushResult,
  StockReading,
  StockReadPage,
  StockScope,
  StockSinkCapability,
  StockSourceCapability,
} from './stock.js';
export {
  createKnownProducts,
  DEFAULT_KNOWN_PRODUCT_TTL_MS,
  type KnownProducts,
  type KnownProductsOptions,
} from './product-check/known-products.js';
