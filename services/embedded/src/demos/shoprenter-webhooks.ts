import type { ShoprenterSimulator } from '@koppel/sim-shoprenter';
import type { DemoContext } from './demo-definition.js';

/**
 * The demo shop's webhooks to Koppel's ingest (Shoprenter `POST /api/webHooks`,
 * https://doc.shoprenter.hu/api/webhook.html), registered as a shop owner's app would. The
 * secret in the URL is kept in the data folder (`<demo>-webhook-secret`; `demo` keeps its
 * original `demo-webhook-secret`), so the URL survives a restart.
 */
export function shoprenterWebhookSecret(ctx: DemoContext, connectionId: string): string {
  const file = connectionId === 'demo' ? 'demo-webhook-secret' : `${connectionId}-webhook-secret`;
  return ctx.data.randomSecret(file, 24);
}

export async function registerShoprenterWebhooks(
  shop: ShoprenterSimulator,
  webhookUrl: string,
): Promise<void> {
  const registered = shop.state().webhooks ?? [];
  for (const event of ['order_confirm', 'order_status_change'] as const) {
    if (registered.some((w) => w.event === event && w.parameters.some((p) => p.url === webhookUrl))) continue;
    const response = await shop.app.inject({
      method: 'POST',
      url: '/api/webHooks',
      headers: {
        authorization: `Bearer ${shop.issueToken()}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      payload: {
        label: `Koppel ${event}`,
        event,
        status: '1',
        webHookParameters: [{ type: 'json', url: webhookUrl }],
      },
    });
    if (response.statusCode >= 300) throw new Error(`registering the demo webhook failed: ${response.body}`);
  }
}

export const shoprenterWebhookUrl = (ctx: DemoContext, connectionId: string) =>
  `${ctx.ingestUrl}/webhooks/shoprenter/${connectionId}/${shoprenterWebhookSecret(ctx, connectionId)}`;
