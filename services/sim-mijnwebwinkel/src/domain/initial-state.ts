import {
  DEFAULT_ORDER_STATUSES,
  FIRST_ARTICLE_ID,
  FIRST_ARTICLE_URL_ID,
  FIRST_ORDER_NUMBER,
} from './assumptions.js';
import { type SimulatorState, type StoreToken, storeSettingsSchema } from './state.js';

export function createInitialState(options: {
  tokens: StoreToken[];
  firstOrderNumber?: number;
}): SimulatorState {
  return {
    nextOrderNumber: options.firstOrderNumber ?? FIRST_ORDER_NUMBER,
    nextArticleId: FIRST_ARTICLE_ID,
    nextArticleUrlId: FIRST_ARTICLE_URL_ID,
    tokens: options.tokens.map((t) => ({ ...t })),
    statuses: DEFAULT_ORDER_STATUSES.map((s) => ({ ...s })),
    orders: [],
    articles: [],
    customers: [],
    store: storeSettingsSchema.parse({}),
  };
}
