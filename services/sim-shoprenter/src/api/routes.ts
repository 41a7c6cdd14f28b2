import type { ApiRoute } from './api-types.js';
import { orderRoutes } from './order-resource.js';
import { webhookRoutes } from './webhook-resource.js';

/** Every simulated REST resource, served identically under `/api` (Bearer) and `/` (Basic). */
export const apiRoutes: ApiRoute[] = [...orderRoutes, ...webhookRoutes];
