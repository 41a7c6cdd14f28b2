import type {
  ConnectionRepository,
  StockAppliedRepository,
  StockReadSchedule,
  StockReadScheduleRepository,
  StockSettingsRepository,
} from '@koppel/db';
import { appError } from '@koppel/errors';
import {
  defaultStockSettings,
  readStockSettings,
  stockActive,
  stockError,
  stockSettingsSchema,
} from '@koppel/stock-sync';
import type { FastifyInstance } from 'fastify';
import { decodeStockCursor, encodeStockCursor } from '../domain/stock-page-cursor.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import { issueField, type ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import {
  notFoundResponse,
  problemResponses,
  problemSchema,
  unprocessableResponse,
} from '../schemas/problem-schemas.js';
import {
  stockReportQuerySchema,
  stockReportSchema,
  stockResyncSchema,
  stockSettingsBodySchema,
  stockSettingsViewSchema,
} from '../schemas/stock-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type StockRouteDeps = {
  connections: ConnectionRepository;
  settings: StockSettingsRepository;
  schedules: StockReadScheduleRepository;
  applied: StockAppliedRepository;
};

const common = { tags: ['stock'], security: adminSecurity, params: connectionParamsSchema };
const conflictResponse = {
  409: {
    description: 'Stock sync is off for the connection',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
} as const;

const iso = (value: Date | null) => (value === null ? null : value.toISOString());
const toReaderState = (schedule: StockReadSchedule) => ({
  nextReadAt: schedule.nextReadAt.toISOString(),
  nextFullResyncAt: schedule.nextFullResyncAt.toISOString(),
  resyncRequestedAt: iso(schedule.resyncRequestedAt),
  lastReadAt: iso(schedule.lastReadAt),
  lastFullResyncAt: iso(schedule.lastFullResyncAt),
  consecutiveFailures: schedule.consecutiveFailures,
  lastError: schedule.lastError,
});

/** Stock from the books/POS into the shop: settings, an operator's full resync, the stock report. */
export async function registerStockRoutes(app: FastifyInstance, deps: StockRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  /** The stored settings; a stored value that no longer parses reads as the defaults (off). */
  const settingsOf = async (id: string) => {
    const parsed = readStockSettings({ stock: (await deps.settings.find(id))?.stock });
    return parsed.ok ? parsed.settings : defaultStockSettings;
  };

  routes.get(
    '/connections/:id/stock/settings',
    {
      schema: {
        ...common,
        summary: "Show the connection's stock settings (defaults filled in)",
        response: { 200: stockSettingsViewSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      return { connectionId: id, stock: await settingsOf(id) };
    },
  );

  routes.put(
    '/connections/:id/stock/settings',
    {
      schema: {
        ...common,
        summary: "Set the connection's stock settings: calculation, match key, warehouses, intervals",
        body: stockSettingsBodySchema,
        response: {
          200: stockSettingsViewSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...unprocessableResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const parsed = stockSettingsSchema.safeParse(request.body.stock);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          field: issueField('body.stock', issue),
          message: issue.message,
        }));
        throw stockError(
          'INVALID_STOCK_SETTINGS',
          `invalid stock settings: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
          { field: issues[0]?.field ?? 'body.stock', details: { issues } },
        );
      }
      await deps.settings.save(id, parsed.data);
      request.log.info({ connectionId: id, enabled: parsed.data.enabled }, 'stock settings saved');
      return { connectionId: id, stock: parsed.data };
    },
  );

  routes.post(
    '/connections/:id/stock/resync',
    {
      schema: {
        ...common,
        summary: 'Send every article to the shop at the next read, changed or not (a full resync)',
        response: { 202: stockResyncSchema, ...problemResponses, ...notFoundResponse, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      if (!stockActive(await settingsOf(id))) {
        throw appError('CONFLICT', `stock sync is off for connection ${id}; switch it on first`, {
          field: 'params.id',
        });
      }
      const schedule = await deps.schedules.requestResync(id);
      request.log.info({ connectionId: id }, 'stock resync requested');
      reply.code(202);
      return { connectionId: id, reader: toReaderState(schedule) };
    },
  );

  routes.get(
    '/connections/:id/stock',
    {
      schema: {
        ...common,
        summary: 'The stock report: per SKU the figure, what the shop was set to and when, unknown articles',
        querystring: stockReportQuerySchema,
        response: { 200: stockReportSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { status, cursor, limit } = request.query;
      await findVisibleConnection(deps.connections, request, id);
      const afterSku = cursor === undefined ? undefined : decodeStockCursor(cursor);
      if (cursor !== undefined && afterSku === undefined) throw adminErrors.invalidPageCursor();
      const rows = await deps.applied.report(id, {
        ...(status !== undefined ? { status } : {}),
        ...(afterSku !== undefined ? { afterSku } : {}),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const schedule = await deps.schedules.find(id);
      return {
        connectionId: id,
        enabled: stockActive(await settingsOf(id)),
        reader: schedule ? toReaderState(schedule) : null,
        counts: await deps.applied.countByStatus(id),
        articles: page.map((row) => ({
          sku: row.sku,
          ean: row.ean,
          status: row.status,
          available: row.available,
          quantity: row.pushedQuantity,
          sourceTime: row.sourceTime.toISOString(),
          appliedAt: row.appliedAt.toISOString(),
          pushedAt: iso(row.pushedAt),
          unknownAt: iso(row.unknownAt),
          attempts: row.attempts,
          lastError: row.lastError,
        })),
        nextCursor: rows.length > limit && last ? encodeStockCursor(last.sku) : null,
      };
    },
  );
}
