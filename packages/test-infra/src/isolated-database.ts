import pg from 'pg';
import { uniqueRunId } from './unique-run-id.js';

export type IsolatedDatabase = {
  /** Connection string of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
};

/**
 * A fresh database on the same server for one test, so tests never see each other's rows and
 * migrations run from scratch. The login role needs CREATEDB (the project's scripts grant it).
 */
export async function createIsolatedDatabase(serverUrl: string): Promise<IsolatedDatabase> {
  const name = `koppel_test_${uniqueRunId()}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => dropDatabase(serverUrl, name),
  };
}

/**
 * `WITH (FORCE)` cannot end a backend of another role, such as an autovacuum worker that has just
 * started on the fresh database (SQLSTATE 42501); that worker ends by itself, so the drop is tried
 * again for up to about 15 s. A database still busy after that is left behind with a warning: it
 * is the test's leftover, and the test's own assertions have already been judged.
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await withAdminClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '42501' && code !== '55006') throw error;
      if (attempt >= 30) {
        process.emitWarning(`test database ${name} left behind: ${String(error)}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function withAdminClient(
  serverUrl: string,
  work: (client: pg.Client) => Promise<unknown>,
): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
