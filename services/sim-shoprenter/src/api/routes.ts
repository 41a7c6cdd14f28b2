import type { ApiRoute } from './api-types.js';
import { batchRoutes } from './batch-resource.js';
import { catalogReferenceRoutes } from './catalog-reference-resources.js';
import { categoryRoutes } from './category-resources.js';
import { customerRoutes } from './customer-resource.js';
import { orderHistoryRoutes } from './order-history-resource.js';
import { orderLineRoutes } from './order-line-resources.js';
import { orderRoutes } from './order-resource.js';
import { listAttributeRoutes } from './list-attribute-resources.js';
import { orderStatusRoutes } from './order-status-resources.js';
import { productClassRoutes } from './product-class-resources.js';
import { productRelationRoutes } from './product-relation-resources.js';
import { productRoutes } from './product-resource.js';
import { webhookRoutes } from './webhook-resource.js';

/** Every simulated REST resource, served identically under `/api` (Bearer) and `/` (Basic). */
export const apiRoutes: ApiRoute[] = [
  ...orderRoutes,
  ...orderLineRoutes,
  ...orderStatusRoutes,
  ...orderHistoryRoutes,
  ...customerRoutes,
  ...productRoutes,
  ...productRelationRoutes,
  ...listAttributeRoutes,
  ...productClassRoutes,
  ...categoryRoutes,
  ...catalogReferenceRoutes,
  ...batchRoutes,
  ...webhookRoutes,
];
