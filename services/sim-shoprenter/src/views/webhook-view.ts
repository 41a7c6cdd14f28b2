import { encodeResourceId } from '../domain/resource-id.js';
import type { StoredWebhook } from '../domain/state.js';
import type { JsonObject, ViewContext } from './view-context.js';

/**
 * `/webHooks` as sr-api-docs `fixtures/api/webhook` prints it; parameters and delay come back as
 * arrays (the example-doc form) whose entries carry a `webHook` back-link (README.md).
 */
export function renderWebhook(hook: StoredWebhook, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('webHook', hook.innerId);
  const self = `${ctx.baseUrl}/webHooks/${id}`;
  return {
    href: self,
    id,
    innerId: String(hook.innerId),
    label: hook.label,
    event: hook.event,
    status: String(hook.status),
    webHookParameters: hook.parameters.map((p) => ({
      type: p.type,
      url: p.url,
      fields: p.fields ?? [],
      webHook: { href: self },
    })),
    webHookDelay: hook.delay
      ? [{ delay: String(hook.delay.delay), delayUnit: hook.delay.delayUnit, webHook: { href: self } }]
      : [],
    dateCreated: hook.dateCreated,
    dateUpdated: hook.dateUpdated,
  };
}
