import pg from 'pg';
import t from 'tap';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '../src/index.js';
import { infrastructureFromEnvironment, infrastructureFromScriptOutput } from '../src/infrastructure.js';

t.test('the environment wins when both variables are set', async (t) => {
  const infra = infrastructureFromEnvironment({
    KAFKA_BROKERS: '10.0.0.1:9092, 10.0.0.2:9092',
    DATABASE_URL: 'postgres://u:p@db:5432/x',
  });
  t.same(infra, {
    kafkaBrokers: ['10.0.0.1:9092', '10.0.0.2:9092'],
    databaseUrl: 'postgres://u:p@db:5432/x',
    origin: 'environment',
  });
  t.equal(infrastructureFromEnvironment({}), undefined, 'neither set: look elsewhere');
  t.throws(() => infrastructureFromEnvironment({ KAFKA_BROKERS: '127.0.0.1:9092' }), /DATABASE_URL/);
  t.throws(
    () => infrastructureFromEnvironment({ KAFKA_BROKERS: 'no-port', DATABASE_URL: 'postgres://a@b/c' }),
    /KAFKA_BROKERS/,
  );
});

t.test('the up script output is read line by line', async (t) => {
  const infra = infrastructureFromScriptOutput(
    'KAFKA_BROKERS=127.0.0.1:19092\nDATABASE_URL=postgres://koppel:koppel@127.0.0.1:5432/koppel\n',
  );
  t.same(infra.kafkaBrokers, ['127.0.0.1:19092']);
  t.equal(infra.databaseUrl, 'postgres://koppel:koppel@127.0.0.1:5432/koppel');
  t.throws(() => infrastructureFromScriptOutput('KAFKA_BROKERS=127.0.0.1:19092\n'));
});

t.test('run ids are short, unique and safe as identifiers', async (t) => {
  const ids = new Set(Array.from({ length: 200 }, uniqueRunId));
  t.equal(ids.size, 200);
  for (const id of ids) t.match(id, /^[a-z0-9]{8,24}$/);
});

t.test('an isolated database is created empty on the real server and dropped again', async (t) => {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const client = new pg.Client({ connectionString: isolated.url });
  const clientErrors: Error[] = [];
  client.on('error', (error) => clientErrors.push(error));
  await client.connect();
  const tables = await client.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
  t.equal(tables.rows[0].n, 0, 'no tables in a fresh database');
  const current = await client.query('select current_database() as name');
  t.equal(current.rows[0].name, isolated.name);
  await isolated.drop();
  await t.rejects(client.query('select 1'), 'the open connection is ended by the drop');
  t.match(clientErrors[0]?.message ?? '', /terminat/, 'the server ended the session');
  await client.end().catch(() => undefined);
  const admin = new pg.Client({ connectionString: infra.databaseUrl });
  await admin.connect();
  const left = await admin.query('select count(*)::int as n from pg_database where datname = $1', [
    isolated.name,
  ]);
  await admin.end();
  t.equal(left.rows[0].n, 0, 'the database is gone');
});
