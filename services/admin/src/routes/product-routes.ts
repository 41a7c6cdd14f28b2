import type {
  ConnectionRepository,
  ProductSettingsRepository,
  ProductSyncItemRepository,
  ProductSyncRun,
  ProductSyncRunRepository,
  ProductSyncSchedule,
  ProductSyncScheduleRepository,
} from '@koppel/db';
import { appError } from '@koppel/errors';
import { type ProductSettings, productSettingsSchema } from '@koppel/product-sync';
import type { FastifyInstance } from 'fastify';
import { type AdminConnectors, findSource, findTarget } from '../connectors/admin-connectors.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import { issueField, type ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import { notFoundResponse, problemResponses, unprocessableResponse } from '../schemas/problem-schemas.js';
import {
  productConflictResponse,
  productItemsQuerySchema,
  productItemsSchema,
  productRunsQuerySchema,
  productRunsSchema,
  productScheduleSchema,
  productSettingsBodySchema,
  productSettingsViewSchema,
  productSyncRequestSchema,
} from '../schemas/product-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type ProductRouteDeps = {
  connections: ConnectionRepository;
  settings: ProductSettingsRepository;
  schedules: ProductSyncScheduleRepository;
  runs: ProductSyncRunRepository;
  items: ProductSyncItemRepository;
  connectors: AdminConnectors;
};

const common = { tags: ['products'], security: adminSecurity, params: connectionParamsSchema };
const iso = (date: Date | null) => (date ? date.toISOString() : null);

function toScheduleView(schedule: ProductSyncSchedule) {
  return {
    nextRunAt: schedule.nextRunAt.toISOString(),
    runRequested: schedule.runRequested,
    fullRequested: schedule.fullRequested,
    running: schedule.leaseOwner !== null && (schedule.leaseUntil?.getTime() ?? 0) > Date.now(),
    consecutiveFailures: schedule.consecutiveFailures,
    lastError: schedule.lastError,
    intervalSeconds: schedule.intervalSeconds,
    lastSuccessStartedAt: iso(schedule.lastSuccessStartedAt),
  };
}

function toRunView(run: ProductSyncRun) {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    full: run.full,
    changedSince: iso(run.changedSince),
    position: { sourcePage: run.sourcePage, chunkIndex: run.chunkIndex },
    pagesDone: run.pagesDone,
    chunksSent: run.chunksSent,
    productsSent: run.productsSent,
    productsRefused: run.productsRefused,
    productsSkipped: run.productsSkipped,
    productsExcluded: run.productsExcluded,
    attempts: run.attempts,
    lastError: run.lastError,
    startedAt: run.startedAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
  };
}

/**
 * Product sync of a connection (issue 11): its settings, "sync now", what was last sent per SKU
 * and the runs with their progress. Products flow from the books/POS (target) into the shop
 * (source); turning sync on needs a target with a product source and a shop with a product sink.
 */
export async function registerProductRoutes(app: FastifyInstance, deps: ProductRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  /** Stored settings, parsed (defaults filled); a stored value that no longer parses counts as off. */
  const settingsOf = async (id: string): Promise<ProductSettings> => {
    const parsed = productSettingsSchema.safeParse((await deps.settings.read(id)) ?? {});
    return parsed.success ? parsed.data : productSettingsSchema.parse({});
  };

  routes.get(
    '/connections/:id/products/settings',
    {
      schema: {
        ...common,
        summary: "Read the connection's product sync settings",
        response: { 200: productSettingsViewSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      await findVisibleConnection(deps.connections, request, request.params.id);
      return settingsOf(request.params.id);
    },
  );

  routes.put(
    '/connections/:id/products/settings',
    {
      schema: {
        ...common,
        summary: "Set the connection's product sync settings (one direction only: books to shop, or off)",
        body: productSettingsBodySchema,
        response: {
          200: productSettingsViewSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...unprocessableResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const connection = await findVisibleConnection(deps.connections, request, id);
      const parsed = productSettingsSchema.safeParse(request.body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          field: issueField('body', issue),
          message: issue.message,
        }));
        throw adminErrors.invalidConnectorInput('settings', 'product sync', issues);
      }
      const settings = parsed.data;
      if (settings.direction === 'books-to-shop') {
        const target = findTarget(deps.connectors, connection.targetSystem);
        const source = findSource(deps.connectors, connection.sourceSystem);
        const missing = !target?.productSource
          ? `${target?.displayName ?? connection.targetSystem} offers no product catalogue`
          : !source?.productSink
            ? // myShop: its only product import is a zipped CSV whose columns are documented
              // nowhere public (packages/connector-myshop/README.md "Products").
              `${source?.displayName ?? connection.sourceSystem} cannot take products: its API documents no call that creates or updates products`
            : undefined;
        if (missing) {
          throw adminErrors.invalidConnectorInput('settings', 'product sync', [
            { field: 'body.direction', message: `books-to-shop is not possible: ${missing}` },
          ]);
        }
      }
      await deps.settings.write(id, settings);
      if (settings.direction === 'books-to-shop')
        await deps.schedules.ensure(id, settings.intervalMinutes * 60);
      request.log.info({ connectionId: id, direction: settings.direction }, 'product settings changed');
      return settings;
    },
  );

  routes.post(
    '/connections/:id/products/sync',
    {
      schema: {
        ...common,
        summary: 'Run the product sync now (only changed products, or all with `full`)',
        body: productSyncRequestSchema.optional(),
        response: {
          202: productScheduleSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...productConflictResponse,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const settings = await settingsOf(id);
      if (settings.direction === 'off') {
        throw appError('CONFLICT', `product sync is off for connection ${id}: set its direction first`, {
          field: 'params.id',
        });
      }
      const full = request.body?.full ?? false;
      const schedule = await deps.schedules.requestRun(id, settings.intervalMinutes * 60, full);
      request.log.info({ connectionId: id, full }, 'product sync requested');
      return reply.code(202).send(toScheduleView(schedule));
    },
  );

  routes.get(
    '/connections/:id/products',
    {
      schema: {
        ...common,
        summary: 'What was last sent per SKU: outcome, the shop’s product id, when (paged by SKU)',
        querystring: productItemsQuerySchema,
        response: { 200: productItemsSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const { limit, after } = request.query;
      const items = await deps.items.list(id, { limit: limit + 1, after });
      const page = items.slice(0, limit);
      return {
        items: page.map((item) => ({
          sku: item.sku,
          outcome: item.outcome,
          shopProductId: item.shopProductId,
          reason: item.reason,
          runId: item.runId,
          sentAt: item.sentAt.toISOString(),
        })),
        next: items.length > limit ? (page.at(-1)?.sku ?? null) : null,
      };
    },
  );

  routes.get(
    '/connections/:id/products/runs',
    {
      schema: {
        ...common,
        summary: 'The product sync schedule and runs with their progress, newest first',
        querystring: productRunsQuerySchema,
        response: { 200: productRunsSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const { limit, before } = request.query;
      const [schedule, runs] = await Promise.all([
        deps.schedules.find(id),
        deps.runs.list(id, { limit: limit + 1, before }),
      ]);
      const page = runs.slice(0, limit);
      return {
        schedule: schedule ? toScheduleView(schedule) : null,
        runs: page.map(toRunView),
        next: runs.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );
}
