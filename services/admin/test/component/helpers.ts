import { randomBytes } from 'node:crypto';
import {
  type CredentialCipher,
  createCredentialCipher,
  createPostgresDatabase,
  type DatabaseHandle,
  migrateToLatest,
} from '@koppel/db';
import { openConnectionSession } from '@koppel/connector-registry';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import { createMetricsRegistry } from '@koppel/telemetry';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { type AdminConnectors, buildAdminApp } from '../../src/index.js';
import { testSources, testTargets } from '../support/test-connectors.js';

export const API_KEY = 'test-admin-key-0123456789abcdef0123456789';
export const SECOND_KEY = 'second-admin-key-abcdefabcdefabcdefabcdef';
export const AUTH = { authorization: `Bearer ${API_KEY}` };
export const WEBHOOK_BASE = 'https://hooks.example.test/';

export type AdminHarness = { app: FastifyInstance; database: DatabaseHandle; cipher: CredentialCipher };

/** The test connectors (support/test-connectors.ts) with the registry's real session opener. */
export const testConnectors: AdminConnectors = {
  sources: testSources,
  targets: testTargets,
  openSession: openConnectionSession,
};

export type SetupOptions = {
  /**
   * Makes the database: by default a fresh database on the real Postgres server (dropped at
   * teardown), which opens in well under a second where embedded PGlite takes several; the
   * embedded mode's own tests cover PGlite.
   */
  open?: () => Promise<DatabaseHandle>;
  /** `null`: buildAdminApp's default, the real registry. */
  connectors?: AdminConnectors | null;
  checkTimeoutMs?: number;
  /** Wrong keys tolerated per address; generous by default so tests of 401s are not throttled. */
  authFailurePolicy?: { perAddress: number; windowSeconds: number };
};

/** The app over a real database and, unless told otherwise, the test connectors. */
export async function setupAdmin(t: Test, options: SetupOptions = {}): Promise<AdminHarness> {
  let dropDatabase: (() => Promise<void>) | undefined;
  const open =
    options.open ??
    (async () => {
      const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
      dropDatabase = () => isolated.drop();
      return createPostgresDatabase(isolated.url);
    });
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
    connectors: options.connectors === null ? undefined : (options.connectors ?? testConnectors),
    checkTimeoutMs: options.checkTimeoutMs,
    authFailurePolicy: options.authFailurePolicy ?? { perAddress: 1000, windowSeconds: 60 },
  });
  t.teardown(async () => {
    await app.close();
    await database.close();
    await dropDatabase?.();
  });
  return { app, database, cipher };
}

export function newConnectionBody(tenantId: string, overrides: Record<string, unknown> = {}) {
  return {
    tenantId,
    name: 'Webshop to books',
    sourceSystem: 'webshop',
    targetSystem: 'books',
    ipAllowlist: ['203.0.113.7', '10.0.0.0/8'],
    rules: { statusFilter: { allowedPaymentStatuses: ['PAID'] }, extras: { costCenter: '100' } },
    settings: { tenantId: 12345, journal: 'VK' },
    credentials: { clientId: 'client-1', clientSecret: 'very-secret-value' },
    sourceSettings: { shopName: 'demo-shop' },
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
