import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import {
  createConnectionRepository,
  createCredentialCipher,
  createEmbeddedDatabase,
  createInboxRepository,
  hashWebhookSecret,
  migrateToLatest,
} from '../src/index.js';
import { createMigratedEmbeddedDatabase, seedMigratedEmbeddedDirectory } from '../src/testing/index.js';

t.test('PGlite keeps its data across close and reopen of the same directory', async (t) => {
  // Seeded from the migrated template; 'a fresh directory opens an empty database' covers initdb.
  const dataDir = t.testdir();
  await seedMigratedEmbeddedDirectory(dataDir);
  const cipher = createCredentialCipher(randomBytes(32));

  const first = await createEmbeddedDatabase(dataDir);
  t.equal(first.kind, 'pglite');
  t.equal(await first.ping(), true);
  await migrateToLatest(first.db);
  await createConnectionRepository(first.db, cipher).create({
    id: 'c-1',
    tenantId: 'tenant-a',
    name: 'Shop',
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret('s'),
    ipAllowlist: [],
    rules: {},
    settings: {},
    active: true,
    credentials: { apiKey: 'k-1' },
  });
  await createInboxRepository(first.db).admit(
    {
      connectionId: 'c-1',
      eventKey: 'e-1',
      eventId: 'evt-1',
      eventType: 'order.created',
      externalOrderId: 'o-1',
    },
    'claim-1',
  );
  await first.close();
  t.equal(await first.ping(), false, 'a closed handle no longer answers');

  const second = await createEmbeddedDatabase(dataDir);
  t.teardown(() => second.close());
  await migrateToLatest(second.db);
  const connections = createConnectionRepository(second.db, cipher);
  t.match(await connections.find('c-1'), { id: 'c-1', tenantId: 'tenant-a', name: 'Shop' });
  t.same(await connections.readCredentials('c-1'), { apiKey: 'k-1' });
  const inbox = createInboxRepository(second.db);
  t.same(
    await inbox.admit(
      {
        connectionId: 'c-1',
        eventKey: 'e-1',
        eventId: 'evt-2',
        eventType: 'order.created',
        externalOrderId: 'o-1',
      },
      'claim-2',
    ),
    { kind: 'in_flight' },
    'the inbox row and its claim written before the restart still decide',
  );
});

t.test('a fresh directory opens an empty database', async (t) => {
  const handle = await createEmbeddedDatabase(t.testdir());
  t.teardown(() => handle.close());
  await migrateToLatest(handle.db);
  t.same(await createConnectionRepository(handle.db, createCredentialCipher(randomBytes(32))).list(), []);
});

t.test(
  'PGlite runs with 32 MB of shared buffers, not the 128 MB that would stay in its memory',
  async (t) => {
    const database = await createMigratedEmbeddedDatabase(t.testdir());
    t.teardown(() => database.close());
    const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db);
    t.equal(rows[0]?.shared_buffers, '32MB');
  },
);
