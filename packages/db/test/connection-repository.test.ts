import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import t from 'tap';
import {
  createConnectionRepository,
  createCredentialCipher,
  type Database,
  hashWebhookSecret,
  type NewConnection,
} from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

const SECRET = 'client-secret-plaintext-4f1c';

function newConnection(id: string, tenantId: string): NewConnection {
  return {
    id,
    tenantId,
    name: `Shop ${id}`,
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret(`hook-${id}`),
    ipAllowlist: ['203.0.113.7', '10.0.0.0/8'],
    rules: { statusFilter: { allowedPaymentStatuses: ['PAID'] } },
    settings: { journal: 'VK' },
    active: true,
    credentials: { clientId: 'client-1', clientSecret: SECRET, refreshToken: 'r-1' },
  };
}

for (const kind of databaseKinds) {
  t.test(`${kind}: connection repository`, async (t) => {
    const { db } = await openMigratedDatabase(t, kind);
    const cipher = createCredentialCipher(randomBytes(32));
    const connections = createConnectionRepository(db, cipher);

    t.test('create then find returns the stored fields, never the credentials', async (t) => {
      const input = newConnection('c-find', 'tenant-a');
      const created = await connections.create(input);
      const found = await connections.find('c-find');
      t.same(found, created);
      const { credentials: _credentials, ...visible } = input;
      t.match(found, { ...visible, createdAt: Date, updatedAt: Date });
      t.notOk(found && 'credentials' in found, 'no credentials on the connection object');
      t.notMatch(JSON.stringify(found), SECRET);
      t.equal(await connections.find('missing'), undefined);
      await t.rejects(connections.create(input), 'the id is the primary key');
    });

    t.test('credentials are sealed at rest and open with the key', async (t) => {
      await connections.create(newConnection('c-raw', 'tenant-a'));
      const raw = await sql<{ row: string }>`
        select row_to_json(c)::text as row from connections c where id = 'c-raw'`.execute(db);
      const rowText = raw.rows[0]?.row ?? '';
      t.match(rowText, /"credentials_sealed":"v1\./, 'the column holds the sealed form');
      t.notMatch(rowText, SECRET, 'no column holds the plaintext secret');
      t.notMatch(rowText, 'client-1');
      t.same(await connections.readCredentials('c-raw'), {
        clientId: 'client-1',
        clientSecret: SECRET,
        refreshToken: 'r-1',
      });
      t.equal(await connections.readCredentials('missing'), undefined);
      const otherKey = createConnectionRepository(db, createCredentialCipher(randomBytes(32)));
      await t.rejects(otherKey.readCredentials('c-raw'), { code: 'INTERNAL_ERROR' }, 'wrong key fails');
    });

    t.test('list orders by creation and filters by tenant', async (t) => {
      for (const [id, tenant] of [
        ['l-1', 'tenant-list'],
        ['l-2', 'tenant-other'],
        ['l-3', 'tenant-list'],
      ] as const) {
        await connections.create(newConnection(id, tenant));
      }
      t.same(
        (await connections.list('tenant-list')).map((c) => c.id),
        ['l-1', 'l-3'],
      );
      const all = (await connections.list()).map((c) => c.id);
      t.ok(
        ['l-1', 'l-2', 'l-3'].every((id) => all.includes(id)),
        'no tenant: every connection',
      );
      t.ok(all.indexOf('l-1') < all.indexOf('l-2') && all.indexOf('l-2') < all.indexOf('l-3'));
    });

    t.test('update changes only the patched fields and reseals new credentials', async (t) => {
      const before = await connections.create(newConnection('c-upd', 'tenant-a'));
      const sealedBefore = await sealedOf(db, 'c-upd');
      const after = await connections.update('c-upd', { name: 'Renamed', active: false, ipAllowlist: [] });
      t.match(after, { name: 'Renamed', active: false, ipAllowlist: [], rules: before.rules });
      t.same(after?.settings, before.settings);
      t.ok((after?.updatedAt.getTime() ?? 0) >= before.updatedAt.getTime(), 'updated_at moves forward');
      t.equal(await sealedOf(db, 'c-upd'), sealedBefore, 'credentials untouched when not patched');

      await connections.update('c-upd', { credentials: { apiKey: 'k-2' } });
      t.same(await connections.readCredentials('c-upd'), { apiKey: 'k-2' }, 'replaced, not merged');
      t.equal(await connections.update('missing', { name: 'x' }), undefined);
    });

    t.test('mergeCredentials keeps other values and survives concurrent merges', async (t) => {
      await connections.create(newConnection('c-merge', 'tenant-a'));
      await connections.mergeCredentials('c-merge', { refreshToken: 'r-2', expiresAt: 123 });
      t.same(await connections.readCredentials('c-merge'), {
        clientId: 'client-1',
        clientSecret: SECRET,
        refreshToken: 'r-2',
        expiresAt: 123,
      });
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => connections.mergeCredentials('c-merge', { [`k${i}`]: i })),
      );
      t.match(
        await connections.readCredentials('c-merge'),
        { k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 },
        'no lost update',
      );
      await t.rejects(connections.mergeCredentials('missing', { a: 1 }), 'unknown connection');
    });
  });
}

async function sealedOf(db: Kysely<Database>, id: string): Promise<string> {
  const row = await db
    .selectFrom('connections')
    .select('credentials_sealed')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.credentials_sealed;
}
