import type { Store } from '../domain/store.js';
import type { StoredOrder, WebhookEvent } from '../domain/state.js';
import type { Json, ViewContext } from '../views/view-context.js';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One call to the simulated REST API, independent of HTTP (so `/batch` can run sub-requests). */
export type ApiRequest = {
  method: ApiMethod;
  /** Path below the API base, e.g. `/orders/b3JkZXItb3JkZXJfaWQ9MTAw`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
};

/** `body: undefined` answers without a body (204). */
export type ApiResult = { status: number; body: Json | undefined };

export type ApiContext = {
  view: ViewContext;
  store: Store;
  /** Shop-local `YYYY-MM-DDTHH:MM:SS`. */
  now(): string;
  /** Raises an order webhook event (delivery runs in the background). */
  emitOrderEvent(order: StoredOrder, event: WebhookEvent): void;
  /** Runs a sub-request (for `/batch`). */
  dispatch(request: ApiRequest): Promise<ApiResult>;
};

export type ApiHandler = (
  request: ApiRequest,
  params: string[],
  ctx: ApiContext,
) => ApiResult | Promise<ApiResult>;
export type ApiRoute = { method: ApiMethod; path: string; handle: ApiHandler };

export const ok = (body: Json, status = 200): ApiResult => ({ status, body });
