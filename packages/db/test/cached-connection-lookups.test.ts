import { randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import {
  cacheConnectionLookups,
  type ConnectionRepository,
  createConnectionRepository,
  createCredentialCipher,
  hashWebhookSecret,
  type NewConnection,
} from '../src/index.js';
import { createMigratedEmbeddedDatabase } from '../src/testing/migrated-embedded-database.js';

const cipher = createCredentialCipher(randomBytes(32));

function newConnection(id: string): NewConnection {
  return {
    id,
    tenantId: 'tenant-a',
    name: `Shop ${id}`,
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret('s'),
    ipAllowlist: [],
    rules: {},
    settings: { invoiceKind: 'draft' },
    active: true,
    credentials: { apiKey: 'k-1' },
  };
}

/** The repository with every `find` and `findWithSealedCredentials` that reaches it counted. */
function counted(connections: ConnectionRepository) {
  const reads: string[] = [];
  return {
    reads,
    repository: {
      ...connections,
      find: (id: string) => {
        reads.push(`find ${id}`);
        return connections.find(id);
      },
      findWithSealedCredentials: (id: string, side: 'source' | 'target') => {
        reads.push(`sealed ${side} ${id}`);
        return connections.findWithSealedCredentials(id, side);
      },
    } satisfies ConnectionRepository,
  };
}

/**
 * A migrated PGlite database, a repository on it standing for the admin API (a writer the cache
 * never sees) and the cache over a counted repository of its own.
 */
async function openCachedLookups(t: Test) {
  const database = await createMigratedEmbeddedDatabase(t.testdir());
  t.teardown(() => database.close());
  const changes = database.connectionChanges;
  if (!changes) throw new Error('PGlite tells connection changes');
  const admin = createConnectionRepository(database.db, cipher);
  const store = counted(createConnectionRepository(database.db, cipher));
  const cache = await cacheConnectionLookups(store.repository, changes);
  t.teardown(() => cache.stop());
  return { database, admin, reads: store.reads, connections: cache.connections };
}

t.test('on PGlite, a kept connection is read again after any writer changed it', async (t) => {
  const { database, admin, reads, connections } = await openCachedLookups(t);
  await admin.create(newConnection('c-1'));

  const first = await connections.find('c-1');
  t.equal(first?.settings.invoiceKind, 'draft');
  await connections.find('c-1');
  await connections.findWithSealedCredentials('c-1', 'target');
  await connections.findWithSealedCredentials('c-1', 'target');
  t.same(reads, ['find c-1', 'sealed target c-1'], 'each kept after its first read');

  await admin.update('c-1', { settings: { invoiceKind: 'final' } });
  t.equal((await connections.find('c-1'))?.settings.invoiceKind, 'final', 'the change is seen at once');
  const sealedBefore = (await connections.findWithSealedCredentials('c-1', 'target'))?.sealedCredentials;
  await admin.mergeCredentials('c-1', { refreshToken: 'r-2' }, 'target');
  const sealedAfter = (await connections.findWithSealedCredentials('c-1', 'target'))?.sealedCredentials;
  t.not(sealedAfter, sealedBefore, 'rotated credentials are seen at once');
  t.same(connections.openCredentials(sealedAfter ?? ''), { apiKey: 'k-1', refreshToken: 'r-2' });

  await database.db.updateTable('connections').set({ active: false }).where('id', '=', 'c-1').execute();
  t.equal((await connections.find('c-1'))?.active, false, 'a write by plain SQL too');
  await database.db.deleteFrom('connections').where('id', '=', 'c-1').execute();
  t.equal(await connections.find('c-1'), undefined, 'a deleted connection is gone');
});

t.test('an unknown id is not kept', async (t) => {
  const { admin, reads, connections } = await openCachedLookups(t);
  t.equal(await connections.find('c-new'), undefined);
  await admin.create(newConnection('c-new'));
  t.equal((await connections.find('c-new'))?.id, 'c-new', 'created after a miss: found');

  await connections.find('c-new');
  t.same(reads, ['find c-new', 'find c-new'], 'kept once found');
});

t.test('a read that a change overtook is not kept', async (t) => {
  let tell: (id: string) => void = () => {};
  const changes = {
    listen: async (onChange: (id: string) => void) => {
      tell = onChange;
      return async () => {};
    },
  };
  let release: () => void = () => {};
  const reads: string[] = [];
  const repository = {
    find: async (id: string) => {
      reads.push(id);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { id };
    },
  } as unknown as ConnectionRepository;
  const { connections } = await cacheConnectionLookups(repository, changes);
  const overtaken = connections.find('c-1');
  tell('c-2');
  release();
  await overtaken;
  const after = connections.find('c-1');
  release();
  await after;
  await connections.find('c-1');
  t.same(reads, ['c-1', 'c-1'], 'read again after the overtaken read, then kept');
});

t.test('concurrent look-ups share one read', async (t) => {
  const { admin, reads, connections } = await openCachedLookups(t);
  await admin.create(newConnection('c-1'));
  const found = await Promise.all([1, 2, 3].map(() => connections.find('c-1')));
  t.same(
    found.map((c) => c?.id),
    ['c-1', 'c-1', 'c-1'],
  );
  t.same(reads, ['find c-1']);
});
