/**
 * A new PGlite data directory is created by a child process, then opened here: the database works
 * as one created in process, and a directory that cannot be created is refused with the reason.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { createEmbeddedDatabase, migrateToLatest } from '../src/index.js';
import { createEmbeddedDataDirectoryApart, isEmbeddedDataDirectory } from '../src/embedded-data-directory.js';

t.test('a new data directory is created apart, then opened and migrated here', async (t) => {
  const dataDir = join(t.testdir(), 'pg');
  t.notOk(isEmbeddedDataDirectory(dataDir));
  const database = await createEmbeddedDatabase(dataDir);
  t.teardown(() => database.close());
  t.ok(isEmbeddedDataDirectory(dataDir), 'the child left a Postgres data directory');
  await migrateToLatest(database.db);
  t.equal(await database.ping(), true);
  // An existing directory is opened as it is: no second child, nothing created again.
  await createEmbeddedDataDirectoryApart(dataDir, []);
  t.ok(isEmbeddedDataDirectory(dataDir));
});

t.test('a directory that cannot be created is refused, naming it and why', async (t) => {
  const file = join(t.testdir(), 'not-a-folder');
  writeFileSync(file, 'x');
  const dataDir = join(file, 'pg');
  await t.rejects(createEmbeddedDataDirectoryApart(dataDir, []), {
    message: new RegExp(`creating the embedded database in ${dataDir} failed`),
  });
});
