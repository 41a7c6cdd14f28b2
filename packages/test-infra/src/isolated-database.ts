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
    drop: () =>
      withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
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
