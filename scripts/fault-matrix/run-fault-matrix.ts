/**
 * `npm run fault-matrix`: N orders of M customers through the whole pipeline (every deployable its
 * own process) on real Kafka and Postgres, one fault per scenario, and one line per scenario:
 * PASS/FAIL, time, counts. See README.md in this folder for the scenarios and the env.
 */
import { createWriteStream } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveInfrastructure } from '@koppel/test-infra';
import { z } from 'zod';
import { startPipelineSession } from './pipeline-session.js';
import { privateKafka, privatePostgres } from './private-infra.js';
import { formatResult, runScenario } from './run-scenario.js';
import { selectScenarios } from './scenarios.js';

const settings = z
  .object({
    /** Orders per scenario (count). */
    FAULT_MATRIX_ORDERS: z.coerce.number().int().positive().default(10_000),
    /** Distinct customers among them (count): the debtors expected in the target. */
    FAULT_MATRIX_CUSTOMERS: z.coerce.number().int().positive().default(1000),
    /** Scenarios to run, comma separated names or parts of names (default: all). */
    FAULT_MATRIX_SCENARIOS: z.string().optional(),
    /** Webhooks in flight at once (count). */
    FAULT_MATRIX_CONCURRENCY: z.coerce.number().int().positive().default(16),
    /** Longest a scenario may take to deliver every order (seconds; default 300 + N/10). */
    FAULT_MATRIX_TIMEOUT_SECONDS: z.coerce.number().int().positive().optional(),
    /** `private`: every scenario on the matrix's own broker and cluster; `shared`: only those that restart one. */
    FAULT_MATRIX_INFRA: z.enum(['private', 'shared']).default('private'),
    /** Ports of the private broker (listener, controller) and cluster; never the shared 19092 / 5432. */
    FAULT_MATRIX_KAFKA_PORT: z.coerce.number().int().default(29092),
    FAULT_MATRIX_KAFKA_CONTROLLER_PORT: z.coerce.number().int().default(29093),
    FAULT_MATRIX_PG_PORT: z.coerce.number().int().default(25432),
    /** Name of the private Debian cluster (created on first use). */
    FAULT_MATRIX_PG_CLUSTER: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/)
      .default('fault-matrix'),
    /** Timeout of one request to the target, in ms ("succeed, then time out" waits this long). */
    FAULT_MATRIX_TARGET_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    /** Cache dir of scripts/infra, where the broker jars are installed (its default). */
    KOPPEL_CACHE_DIR: z.string().default(join(homedir(), '.cache/koppel')),
    /** File the deployables' stderr goes to. */
    FAULT_MATRIX_LOG: z
      .string()
      .default(`/tmp/fault-matrix-${new Date().toISOString().replace(/[:.]/g, '-')}.log`),
  })
  .parse(process.env);

const size = {
  orders: settings.FAULT_MATRIX_ORDERS,
  customers: Math.min(settings.FAULT_MATRIX_CUSTOMERS, settings.FAULT_MATRIX_ORDERS),
  concurrency: settings.FAULT_MATRIX_CONCURRENCY,
  timeoutMs:
    1000 * (settings.FAULT_MATRIX_TIMEOUT_SECONDS ?? 300 + Math.ceil(settings.FAULT_MATRIX_ORDERS / 10)),
};
const selected = selectScenarios(settings.FAULT_MATRIX_SCENARIOS);
if (selected.length === 0) throw new Error(`no scenario matches "${settings.FAULT_MATRIX_SCENARIOS}"`);

const log = createWriteStream(settings.FAULT_MATRIX_LOG, { flags: 'a' });
const kafka = privateKafka({
  port: settings.FAULT_MATRIX_KAFKA_PORT,
  controllerPort: settings.FAULT_MATRIX_KAFKA_CONTROLLER_PORT,
  sharedCacheDir: settings.KOPPEL_CACHE_DIR,
});
const postgres = privatePostgres({
  port: settings.FAULT_MATRIX_PG_PORT,
  cluster: settings.FAULT_MATRIX_PG_CLUSTER,
  maxConnections: 300,
});
const everythingPrivate = settings.FAULT_MATRIX_INFRA === 'private';
const needsKafka = everythingPrivate || selected.some((s) => s.infra === 'private-kafka');
const needsPostgres = everythingPrivate || selected.some((s) => s.infra === 'private-postgres');
const shared = everythingPrivate ? undefined : await resolveInfrastructure();

console.log(
  `fault matrix: ${selected.length} scenarios, ${size.orders} orders of ${size.customers} customers each; ` +
    `broker ${everythingPrivate ? 'private' : 'shared'}, deployables' stderr in ${settings.FAULT_MATRIX_LOG}`,
);
if (needsKafka) await kafka.start();
if (needsPostgres) await postgres.start();

let failed = 0;
try {
  for (const scenario of selected) {
    const ownKafka = everythingPrivate || scenario.infra === 'private-kafka';
    const ownPostgres = everythingPrivate || scenario.infra === 'private-postgres';
    const kafkaBrokers = ownKafka ? kafka.brokers : (shared?.kafkaBrokers ?? []);
    const postgresUrl = ownPostgres ? postgres.url : (shared?.databaseUrl ?? '');
    /** Takes the scenario's own broker or database down (`down`: stop or crash), 3 s, and up again. */
    const restart =
      (what: string, own: boolean, down: () => Promise<void>, up: () => Promise<void>) => async () => {
        if (!own) throw new Error(`${what} of this scenario is shared: never restarted`);
        await down();
        await sleep(3000);
        await up();
      };
    let session: Awaited<ReturnType<typeof startPipelineSession>> | undefined;
    try {
      log.write(`\n=== ${new Date().toISOString()} ${scenario.name}\n`);
      session = await startPipelineSession({
        kafkaBrokers,
        postgresUrl,
        replicas: scenario.replicas,
        targetRequestTimeoutMs: settings.FAULT_MATRIX_TARGET_TIMEOUT_MS,
        stderr: log,
      });
      const result = await runScenario(session, scenario, size, {
        restartKafka: restart('the broker', ownKafka, kafka.stop, kafka.start),
        restartPostgres: restart('the database', ownPostgres, postgres.stop, postgres.start),
        crashKafka: restart('the broker', ownKafka, kafka.kill, kafka.start),
        crashPostgres: restart('the database', ownPostgres, postgres.crash, postgres.start),
        targetRequestTimeoutMs: settings.FAULT_MATRIX_TARGET_TIMEOUT_MS,
      });
      if (!result.pass) failed += 1;
      console.log(formatResult(result, size));
    } catch (error) {
      failed += 1;
      console.log(
        `FAIL ${scenario.name.padEnd(30)} did not run: ${error instanceof Error ? error.message : error}`,
      );
    } finally {
      await session?.close();
    }
  }
} finally {
  if (needsKafka) await kafka.stop();
  if (needsPostgres) await postgres.stop();
  log.end();
}
console.log(`${selected.length - failed} of ${selected.length} scenarios passed`);
process.exit(failed === 0 ? 0 : 1);
