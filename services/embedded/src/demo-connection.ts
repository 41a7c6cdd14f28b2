import { randomBytes } from 'node:crypto';
import { findSourceConnector, findTargetConnector, parseConnectionSide } from '@koppel/connector-registry';
import type { ConnectionRepository } from '@koppel/db';
import { hashWebhookSecret } from '@koppel/db';
import type { DemoConnectionSpec, DemoContext, DemoDefinition } from './demos/demo-definition.js';
import { shoprenterWebhookSecret } from './demos/shoprenter-webhooks.js';

export const DEMO_CONNECTION_ID = 'demo';

/**
 * The preconfigured demo connections (src/demos/, one file each): created once, so a restart keeps
 * them with their cursors and journeys; each demo's `prepare` (webhooks, articles) runs on every
 * start and is idempotent. Shoprenter demos get a webhook secret kept in the data folder; polled
 * shops send no webhooks, so their column holds the hash of a secret nobody knows.
 */
export async function ensureDemoConnections(
  connections: ConnectionRepository,
  demos: readonly DemoDefinition[],
  ctx: DemoContext,
): Promise<void> {
  for (const demo of demos) {
    if (!(await connections.find(demo.id))) {
      const spec = await demo.connection(ctx);
      checkSpec(demo.id, spec);
      const secret =
        spec.sourceSystem === 'shoprenter'
          ? shoprenterWebhookSecret(ctx, demo.id)
          : randomBytes(24).toString('base64url');
      await connections.create({
        id: demo.id,
        tenantId: 'demo-tenant',
        webhookSecretHash: hashWebhookSecret(secret),
        ipAllowlist: [],
        rules: {},
        active: true,
        ...spec,
      });
    }
    await demo.prepare?.(ctx, demo.id);
  }
}

/** A demo whose settings its connector would refuse stops the start, naming the field. */
function checkSpec(id: string, spec: DemoConnectionSpec): void {
  const source = findSourceConnector(spec.sourceSystem);
  const target = findTargetConnector(spec.targetSystem);
  if (!source || !target)
    throw new Error(`demo ${id}: no connector for ${spec.sourceSystem} → ${spec.targetSystem}`);
  const connection = { id, tenantId: 'demo-tenant' };
  parseConnectionSide(source, connection, 'source', spec.sourceSettings, spec.sourceCredentials);
  parseConnectionSide(target, connection, 'target', spec.settings, spec.credentials);
}
