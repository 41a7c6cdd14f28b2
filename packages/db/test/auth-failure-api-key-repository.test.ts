import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { createApiKeyRepository, createAuthFailureRepository } from '../src/index.js';
import { databaseKinds, openMigratedDatabase } from './databases.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

for (const kind of databaseKinds) {
  t.test(`${kind}: auth failures`, async (t) => {
    const database = await openMigratedDatabase(t, kind);
    const failures = createAuthFailureRepository(database.db);
    const limits = [
      { scope: 'test:address:1', maxFailures: 3 },
      { scope: 'test:connection:c', maxFailures: 5 },
    ];

    t.equal(await failures.blockedFor(limits), undefined, 'nothing counted, nothing blocked');
    await failures.recordFailure(['test:address:1', 'test:connection:c'], 60);
    await failures.recordFailure(['test:address:1', 'test:connection:c'], 60);
    t.equal(await failures.blockedFor(limits), undefined, 'two failures of three allowed');
    await Promise.all([failures.recordFailure(['test:address:1'], 60), failures.recordFailure(['x'], 60)]);
    const seconds = await failures.blockedFor(limits);
    t.ok(
      seconds !== undefined && seconds >= 1 && seconds <= 60,
      `blocked for the window's rest (${seconds}s)`,
    );
    t.equal(
      await failures.blockedFor([{ scope: 'test:connection:c', maxFailures: 5 }]),
      undefined,
      'the connection has its own, higher limit',
    );
    const together = await Promise.all([
      failures.blockedFor([{ scope: 'test:connection:c', maxFailures: 5 }]),
      failures.blockedFor(limits),
      failures.blockedFor([{ scope: 'test:address:2', maxFailures: 1 }]),
      failures.blockedFor([{ scope: 'test:connection:c', maxFailures: 2 }]),
    ]);
    t.same(
      together.map((answer) => answer !== undefined),
      [false, true, false, true],
      'concurrent asks (answered together) each get their own limits applied',
    );

    // The window ends (by the database clock): the scope starts again from one.
    await sql`update auth_failures set window_ends_at = now() - interval '1 second'`.execute(database.db);
    t.equal(await failures.blockedFor(limits), undefined, 'an ended window blocks nothing');
    await failures.recordFailure(['test:address:1'], 60);
    const row = await database.db
      .selectFrom('auth_failures')
      .select('failures')
      .where('scope', '=', 'test:address:1')
      .executeTakeFirstOrThrow();
    t.equal(row.failures, 1, 'a new window counts from one');
  });

  t.test(`${kind}: api keys`, async (t) => {
    const database = await openMigratedDatabase(t, kind);
    const keys = createApiKeyRepository(database.db);
    const secret = randomBytes(16).toString('hex');
    const tenantKey = await keys.create({
      keyHash: sha256(secret),
      label: 'shop A',
      scope: { operator: false, tenantId: 'tenant-a' },
    });
    t.match(tenantKey, { label: 'shop A', tenantId: 'tenant-a', operator: false, lastUsedAt: null });
    const operatorKey = await keys.create({ keyHash: sha256('op'), label: 'ops', scope: { operator: true } });
    t.match(operatorKey, { tenantId: null, operator: true });

    const used = await keys.authenticate(sha256(secret));
    t.equal(used?.id, tenantKey.id, 'found by its digest');
    t.ok(used?.lastUsedAt instanceof Date, 'and marked used');
    t.equal(await keys.authenticate(sha256('other')), undefined, 'an unknown digest is no key');
    t.same(
      (await keys.list('tenant-a')).map((k) => k.id),
      [tenantKey.id],
      'listed per tenant',
    );
    t.equal((await keys.list()).length, 2, 'or all');
    t.not(JSON.stringify(await keys.list()), sha256(secret), 'the digest is never listed');
    t.notMatch(JSON.stringify(await keys.list()), sha256(secret));

    t.equal(await keys.revoke(tenantKey.id), true, 'revoked');
    t.equal(await keys.revoke(tenantKey.id), false, 'once');
    t.equal(await keys.authenticate(sha256(secret)), undefined, 'a revoked key no longer authenticates');
    t.equal(await keys.find(tenantKey.id), undefined, 'nor is it found');
    t.same(
      (await keys.list()).map((k) => k.id),
      [operatorKey.id],
    );
  });
}
