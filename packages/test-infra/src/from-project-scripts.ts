import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Infrastructure, infrastructureFromScriptOutput } from './infrastructure.js';

const run = promisify(execFile);
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const upScript = resolve(repositoryRoot, 'scripts/infra/up.sh');

/**
 * Installs (once, cached) and starts Kafka and Postgres on loopback through the project's own
 * script, which is idempotent and locked, so concurrent test processes share one broker.
 * A broker it has to start begins with empty data (KOPPEL_KAFKA_DISPOSABLE_DATA): test topics are
 * throwaway, and the partitions of earlier runs would otherwise slow every later cold start.
 */
export async function infrastructureFromProjectScripts(): Promise<Infrastructure> {
  try {
    const { stdout } = await run('bash', [upScript], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 15 * 60_000,
      env: { ...process.env, KOPPEL_KAFKA_DISPOSABLE_DATA: process.env.KOPPEL_KAFKA_DISPOSABLE_DATA ?? '1' },
    });
    return infrastructureFromScriptOutput(stdout);
  } catch (error) {
    const detail =
      error instanceof Error && 'stderr' in error ? String(error.stderr).slice(-4000) : String(error);
    throw new Error(`bash ${upScript} failed:\n${detail}`);
  }
}
