import type { RateLimiter } from '@koppel/sim-kit';
import type { ArticleStore } from '../domain/article-store.js';
import type { CustomerStore } from '../domain/customer-store.js';
import type { OrderStore } from '../domain/order-store.js';
import type { StateHolder } from '../domain/state-holder.js';
import type { ResolvedOptions } from '../options.js';

/** What the API and control routes work on. */
export type ApiDeps = {
  options: ResolvedOptions;
  holder: StateHolder;
  orders: OrderStore;
  articles: ArticleStore;
  customers: CustomerStore;
  /** The API's own rate limit (per store token). */
  rateLimiter: RateLimiter;
};
