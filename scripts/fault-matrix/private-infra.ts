/**
 * A Kafka broker and a Postgres cluster of the fault matrix's own, on other ports than the shared
 * ones (19092 / 5432), started through scripts/infra/kafka.sh and postgres.sh with their env
 * overrides, so a scenario may stop and restart them without touching anybody else's.
 * The broker reuses the installed jars of the shared cache (a symlink) but keeps its data, config,
 * pid and lock files in a cache dir of its own; the cluster is a second Debian cluster.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '../..');
const KAFKA_VERSION = '3.9.1';
const SHARED_KAFKA_PORT = 19092;
const SHARED_POSTGRES_PORT = 5432;

export type PrivateKafkaOptions = {
  port: number;
  controllerPort: number;
  /** The shared cache dir of scripts/infra (KOPPEL_CACHE_DIR), where the broker jars are installed. */
  sharedCacheDir: string;
};
export type PrivatePostgresOptions = { port: number; cluster: string; maxConnections: number };

export type PrivateKafka = {
  brokers: string[];
  /** The first start of the process empties the data dir; later ones (restarts) keep it. */
  start(): Promise<void>;
  /** SIGTERM, data kept (as an orderly broker restart does). */
  stop(): Promise<void>;
  /** kill -9: a crash; the next start recovers the logs. */
  kill(): Promise<void>;
};

export type PrivatePostgres = {
  /** The `koppel` role's URL on the private cluster's `koppel` database. */
  url: string;
  start(): Promise<void>;
  /** `pg_ctlcluster stop -m fast`: every session is cut. */
  stop(): Promise<void>;
  /** `stop -m immediate`: a crash, no checkpoint; the next start runs crash recovery. */
  crash(): Promise<void>;
};

async function infraScript(script: string, command: string, env: Record<string, string>): Promise<void> {
  await run('bash', [join(repoRoot, 'scripts/infra', script), command], {
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}

export function privateKafka(options: PrivateKafkaOptions): PrivateKafka {
  if (options.port === SHARED_KAFKA_PORT) throw new Error('the private broker must not use the shared port');
  const sharedCache = options.sharedCacheDir;
  const cacheDir = `${sharedCache}-fault-matrix`;
  const env = {
    KOPPEL_CACHE_DIR: cacheDir,
    KOPPEL_KAFKA_PORT: String(options.port),
    KOPPEL_KAFKA_CONTROLLER_PORT: String(options.controllerPort),
  };
  let started = false;
  return {
    brokers: [`127.0.0.1:${options.port}`],
    async start() {
      mkdirSync(cacheDir, { recursive: true });
      const jars = join(cacheDir, `kafka-${KAFKA_VERSION}`);
      const sharedJars = join(sharedCache, `kafka-${KAFKA_VERSION}`);
      if (!existsSync(jars) && existsSync(sharedJars)) symlinkSync(sharedJars, jars);
      // The first start of a run begins empty (every run makes its own topics); a restart keeps the data.
      await infraScript('kafka.sh', 'start', { ...env, KOPPEL_KAFKA_DISPOSABLE_DATA: started ? '0' : '1' });
      started = true;
    },
    async stop() {
      await infraScript('kafka.sh', 'stop', env);
    },
    async kill() {
      await infraScript('kafka.sh', 'kill', env);
    },
  };
}

export function privatePostgres(options: PrivatePostgresOptions): PrivatePostgres {
  if (options.port === SHARED_POSTGRES_PORT || options.cluster === 'main') {
    throw new Error('the private cluster must not be the shared one (main, 5432)');
  }
  const env = { KOPPEL_PG_CLUSTER: options.cluster, KOPPEL_PG_PORT: String(options.port) };
  const asPostgres = (sql: string) =>
    run('runuser', [
      '-u',
      'postgres',
      '--',
      'psql',
      '-X',
      '-q',
      '-At',
      '-p',
      String(options.port),
      '-c',
      sql,
    ]);
  const cluster = {
    url: `postgres://koppel:koppel@127.0.0.1:${options.port}/koppel`,
    start: () => infraScript('postgres.sh', 'start', env),
    stop: () => infraScript('postgres.sh', 'stop', env),
    crash: () => infraScript('postgres.sh', 'crash', env),
  };
  return {
    ...cluster,
    async start() {
      await cluster.start();
      // Two replicas of five deployables hold up to 100 connections: more than the default.
      const { stdout } = await asPostgres('show max_connections');
      if (Number(stdout.trim()) < options.maxConnections) {
        await asPostgres(`alter system set max_connections = ${options.maxConnections}`);
        await cluster.stop();
        await cluster.start();
      }
    },
  };
}
