import { hashWebhookSecret } from '@koppel/db';
import type { ConnectionRepository } from '@koppel/db';
import { type AsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import type { ShoprenterSimulator } from '@koppel/sim-shoprenter';
import type { DataFolder } from './data-folder.js';
import { asperionDemoSettings } from './demo-settings.js';

export const DEMO_CONNECTION_ID = 'demo';

/**
 * The preconfigured demo: a connection from the Shoprenter simulator to the Asperion
 * simulator, with the shop's webhooks registered to ingest. Created once; a restart keeps it.
 */
export async function ensureDemoConnection(deps: {
  connections: ConnectionRepository;
  data: DataFolder;
  ingestUrl: string;
  asperionUrl: string;
  shoprenterUrl: string;
  shoprenter: ShoprenterSimulator;
  asperion: AsperionSimulator;
}): Promise<{ webhookUrl: string }> {
  const secret = deps.data.randomSecret('demo-webhook-secret', 24);
  const webhookUrl = `${deps.ingestUrl}/webhooks/shoprenter/${DEMO_CONNECTION_ID}/${secret}`;
  if (!(await deps.connections.find(DEMO_CONNECTION_ID))) {
    await deps.connections.create({
      id: DEMO_CONNECTION_ID,
      tenantId: 'demo-tenant',
      name: 'Demo: Shoprenter simulator → Asperion simulator',
      sourceSystem: 'shoprenter',
      targetSystem: 'asperion',
      webhookSecretHash: hashWebhookSecret(secret),
      ipAllowlist: [],
      rules: {},
      settings: asperionDemoSettings(deps.asperionUrl),
      // The reconciliation poll catches an order whose webhook never came (simulator's OAuth client).
      sourceSettings: {
        shopName: 'demo',
        apiBaseUrl: deps.shoprenterUrl,
        oauthBaseUrl: deps.shoprenterUrl,
        polling: { enabled: true, intervalSeconds: 60 },
      },
      sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
      credentials: {
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: DEFAULT_CLIENT.clientSecret,
        refreshToken: deps.asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
      },
      active: true,
    });
  }
  const registered = deps.shoprenter.state().webhooks ?? [];
  for (const event of ['order_confirm', 'order_status_change'] as const) {
    if (registered.some((w) => w.event === event)) continue;
    const response = await deps.shoprenter.app.inject({
      method: 'POST',
      url: '/api/webHooks',
      headers: {
        authorization: `Bearer ${deps.shoprenter.issueToken()}`,
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
  return { webhookUrl };
}
