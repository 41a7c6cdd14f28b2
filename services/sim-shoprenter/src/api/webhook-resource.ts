import { z } from 'zod';
import { nextId, type StoredWebhook, webhookEvents } from '../domain/state.js';
import { isKnownWebhookField } from '../domain/webhook-fields.js';
import { ShoprenterError } from '../errors.js';
import { renderWebhook } from '../views/webhook-view.js';
import { type ApiContext, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { assertAllowedParams, notFound, pagingParams, pathId } from './query-params.js';
import { readWriteBody } from './write-body.js';

const flag = z.union([z.literal('0'), z.literal('1'), z.literal(0), z.literal(1)]).transform(Number);
const parameterSchema = z.object({
  type: z.enum(['json', 'xml']),
  url: z.url(),
  fields: z.array(z.string()).optional(),
});
const delaySchema = z.object({
  delay: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
  delayUnit: z.enum(['day', 'hour']),
});
/** Single-object and array forms both appear in the docs (README.md): accept both. */
const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.union([z.array(schema), schema.transform((v) => [v])]);
const webhookSchema = z.object({
  label: z.string().min(1),
  event: z.enum(webhookEvents),
  status: flag,
  webHookParameters: oneOrMany(parameterSchema),
  webHookDelay: oneOrMany(delaySchema).optional(),
});
const required = ['label', 'event', 'status', 'webHookParameters'] as const;

function parseWebhook(data: Record<string, unknown>, partial: boolean) {
  const missing = required.filter((f) => data[f] === undefined);
  if (!partial && missing.length > 0) {
    throw new ShoprenterError('FIELDS_REQUIRED', `Fields are required: ${missing.join(', ')}`);
  }
  const { id: _id, ...rest } = data;
  const result = (partial ? webhookSchema.partial() : webhookSchema).strict().safeParse(rest);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ShoprenterError(
      'WRONG_DATA',
      `Wrong data! ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  const unknown = (result.data.webHookParameters ?? [])
    .flatMap((p) => p.fields ?? [])
    .filter((f) => !isKnownWebhookField(f));
  if (unknown.length > 0)
    throw new ShoprenterError('WRONG_DATA', `Wrong data! Unknown webhook fields: ${unknown.join(', ')}`);
  return result.data;
}

function findWebhook(ctx: ApiContext, id: string, path: string): StoredWebhook {
  const innerId = pathId('webHook', id);
  const hook = ctx.store.state.webhooks.find((w) => w.innerId === innerId);
  if (!hook) throw notFound(path);
  return hook;
}

function apply(hook: StoredWebhook, data: ReturnType<typeof parseWebhook>): void {
  if (data.label !== undefined) hook.label = data.label;
  if (data.event !== undefined) hook.event = data.event;
  if (data.status !== undefined) hook.status = data.status;
  if (data.webHookParameters !== undefined) {
    hook.parameters = data.webHookParameters.map((p) => ({
      type: p.type,
      url: p.url,
      fields: p.fields?.length ? p.fields : null,
    }));
  }
  if (data.webHookDelay !== undefined) hook.delay = data.webHookDelay[0] ?? null;
}

/** `/webHooks` CRUD (sr-api-docs `api/webhook.md`). */
export const webhookRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/webHooks',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams]);
      const hooks = [...ctx.store.state.webhooks].sort((a, b) => a.innerId - b.innerId);
      return ok(renderCollection(hooks, 'webHooks', req.query, ctx.view, (w) => renderWebhook(w, ctx.view)));
    },
  },
  {
    method: 'GET',
    path: '/webHooks/:id',
    handle: (req, [id = ''], ctx) => ok(renderWebhook(findWebhook(ctx, id, req.path), ctx.view)),
  },
  {
    method: 'POST',
    path: '/webHooks',
    handle: (req, _p, ctx) => {
      const data = parseWebhook(readWriteBody(req.body), false);
      const now = ctx.now();
      const hook: StoredWebhook = {
        innerId: nextId(ctx.store.state, 'webHook'),
        label: '',
        event: 'order_confirm',
        status: 0,
        parameters: [],
        delay: null,
        dateCreated: now,
        dateUpdated: now,
      };
      apply(hook, data);
      ctx.store.state.webhooks.push(hook);
      ctx.store.save();
      return ok(renderWebhook(hook, ctx.view), 201);
    },
  },
  {
    method: 'PUT',
    path: '/webHooks/:id',
    handle: (req, [id = ''], ctx) => {
      const hook = findWebhook(ctx, id, req.path);
      apply(hook, parseWebhook(readWriteBody(req.body), true));
      hook.dateUpdated = ctx.now();
      ctx.store.save();
      return ok(renderWebhook(hook, ctx.view));
    },
  },
  {
    method: 'DELETE',
    path: '/webHooks/:id',
    handle: (req, [id = ''], ctx) => {
      const hook = findWebhook(ctx, id, req.path);
      ctx.store.state.webhooks = ctx.store.state.webhooks.filter((w) => w !== hook);
      ctx.store.save();
      return { status: 204, body: undefined };
    },
  },
];
