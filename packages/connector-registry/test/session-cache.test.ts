import { randomBytes } from 'node:crypto';
import type { ConnectionContext, SessionServices } from '@koppel/connector-sdk';
import {
  createConnectionRepository,
  createCredentialCipher,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createMigratedEmbeddedDatabase } from '@koppel/db/testing';
import t from 'tap';
import { z } from 'zod';
import { createSessionCache } from '../src/index.js';

type Session = { context: ConnectionContext<unknown, unknown>; services: SessionServices };

t.test('a session is rebuilt when the connection changes, not when a rotated token changes', async (t) => {
  const database = await createMigratedEmbeddedDatabase(t.testdir());
  t.teardown(() => database.close());
  await migrateToLatest(database.db);
  const connections = createConnectionRepository(database.db, createCredentialCipher(randomBytes(32)));
  await connections.create({
    id: 'c-1',
    tenantId: 'tenant',
    name: 'shop',
    sourceSystem: 'shoprenter',
    targetSystem: 'books',
    webhookSecretHash: hashWebhookSecret('s'),
    ipAllowlist: [],
    rules: {},
    settings: { company: 'A' },
    credentials: { clientSecret: 'one', refreshToken: 'r0' },
    active: true,
  });
  let opened = 0;
  const opener = {
    system: 'books',
    settingsSchema: z.object({ company: z.string() }),
    credentialsSchema: z.object({ clientSecret: z.string(), refreshToken: z.string() }),
    openSession(context: ConnectionContext<unknown, unknown>, services: SessionServices): Session {
      opened += 1;
      return { context, services };
    },
  };
  const replicaA = createSessionCache(opener, connections, 'target');
  const replicaB = createSessionCache(opener, connections, 'target');

  const a = await replicaA.sessionFor('c-1');
  const b = await replicaB.sessionFor('c-1');
  t.equal(opened, 2, 'one session per replica');
  await a.services.withCredentialsLock(async (stored) => {
    t.equal(stored.refreshToken, 'r0', 'the lock reads the stored token');
    return { save: { refreshToken: 'r1' }, result: undefined };
  });
  t.equal(await replicaA.sessionFor('c-1'), a, 'its own rotation keeps the session');
  const b2 = await replicaB.sessionFor('c-1');
  t.not(b2, b, 'the other replica rebuilds once on a token it has never rotated');
  await b2.services.withCredentialsLock(async (stored) => {
    t.equal(stored.refreshToken, 'r1', 'and reads the rotated token under the lock');
    return { save: { refreshToken: 'r2' }, result: undefined };
  });
  const openedBefore = opened;
  for (let round = 0; round < 5; round += 1) {
    const session = round % 2 === 0 ? await replicaA.sessionFor('c-1') : await replicaB.sessionFor('c-1');
    await session.services.withCredentialsLock(async (stored) => ({
      save: { refreshToken: `${String(stored.refreshToken)}+` },
      result: undefined,
    }));
  }
  t.equal(opened, openedBefore, 'replicas rotating in turn never rebuild each other’s sessions');

  await connections.update('c-1', { credentials: { clientSecret: 'two', refreshToken: 'fresh' } });
  const afterSecret = await replicaA.sessionFor('c-1');
  t.not(afterSecret, a, 'a new client secret rebuilds the session');
  await connections.update('c-1', { settings: { company: 'B' } });
  t.not(await replicaA.sessionFor('c-1'), afterSecret, 'new settings rebuild it');
});

t.test('an unchanged connection costs one read and no decryption per call', async (t) => {
  const database = await createMigratedEmbeddedDatabase(t.testdir());
  t.teardown(() => database.close());
  await migrateToLatest(database.db);
  const cipher = createCredentialCipher(randomBytes(32));
  let opens = 0;
  const countingCipher = {
    ...cipher,
    open(sealed: string) {
      opens += 1;
      return cipher.open(sealed);
    },
  };
  const connections = createConnectionRepository(database.db, countingCipher);
  await connections.create({
    id: 'c-2',
    tenantId: 'tenant',
    name: 'shop',
    sourceSystem: 'shoprenter',
    targetSystem: 'books',
    webhookSecretHash: hashWebhookSecret('s'),
    ipAllowlist: [],
    rules: {},
    settings: { company: 'A' },
    credentials: { clientSecret: 'one', refreshToken: 'r0' },
    active: true,
  });
  const cache = createSessionCache(
    {
      system: 'books',
      settingsSchema: z.object({ company: z.string() }),
      credentialsSchema: z.object({ clientSecret: z.string(), refreshToken: z.string() }),
      openSession: (context: ConnectionContext<unknown, unknown>, services: SessionServices) => ({
        context,
        services,
      }),
    },
    connections,
    'target',
  );
  const first = await cache.sessionFor('c-2');
  for (let call = 0; call < 10; call += 1) t.equal(await cache.sessionFor('c-2'), first);
  t.equal(opens, 1, 'credentials opened once, for the first session');
  await connections.mergeCredentials('c-2', { refreshToken: 'r1' });
  const afterRotation = await cache.sessionFor('c-2');
  t.not(afterRotation, first, 'a token rotated elsewhere rebuilds it');
  t.equal(opens, 3, 'and is opened again (the merge opened it once too)');
});
