import { randomBytes } from 'node:crypto';
import {
  type CredentialCipher,
  createCredentialCipher,
  createEmbeddedDatabase,
  type DatabaseHandle,
  migrateToLatest,
} from '@koppel/db';
import { createMetricsRegistry } from '@koppel/telemetry';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { buildAdminApp } from '../../src/index.js';

export const API_KEY = 'test-admin-key-0123456789abcdef0123456789';
export const SECOND_KEY = 'second-admin-key-abcdefabcdefabcdefabcdef';
export const AUTH = { authorization: `Bearer ${API_KEY}` };
export const WEBHOOK_BASE = 'https://hooks.example.test/';

export type AdminHarness = { app: FastifyInstance; database: DatabaseHandle; cipher: CredentialCipher };

/** The app over a real database; `open` makes one: embedded PGlite in a tap fixture dir by default. */
export async function setupAdmin(
  t: Test,
  open: () => Promise<DatabaseHandle> = () => createEmbeddedDatabase(t.testdir()),
): Promise<AdminHarness> {
  const database = await open();
  await migrateToLatest(database.db);
  const cipher = createCredentialCipher(randomBytes(32));
  const app = await buildAdminApp({
    database,
    cipher,
    apiKeys: [API_KEY, SECOND_KEY],
    publicWebhookBaseUrl: WEBHOOK_BASE,
    registry: createMetricsRegistry('admin-test').registry,
    logLevel: 'silent',
  });
  t.teardown(async () => {
    await app.close();
    await database.close();
  });
  return { app, database, cipher };
}

export function newConnectionBody(tenantId: string, overrides: Record<string, unknown> = {}) {
  return {
    tenantId,
    name: 'Webshop to books',
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    ipAllowlist: ['203.0.113.7', '10.0.0.0/8'],
    rules: { statusFilter: { allowedPaymentStatuses: ['PAID'] }, extras: { costCenter: '100' } },
    settings: { journal: 'VK' },
    credentials: { clientId: 'client-1', clientSecret: 'very-secret-value' },
    ...overrides,
  };
}

/** Creates a connection through the API and returns the 201 body. */
export async function createConnection(app: FastifyInstance, tenantId: string, overrides = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/v1/connections',
    headers: AUTH,
    payload: newConnectionBody(tenantId, overrides),
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; webhook: { url: string; secret: string } } & Record<string, unknown>>();
}
