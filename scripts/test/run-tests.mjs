#!/usr/bin/env node
// The whole test suite, as `npm test` and CI run it: lint and format, wire-contract checks
// (lint, generated code fresh, no breaking change), strict typecheck of every workspace, then
// every tap test against a real Kafka broker and a real Postgres.
// Infrastructure: KAFKA_BROKERS / DATABASE_URL when set; else testcontainers when a Docker engine
// answers (each test process starts its own, see packages/test-infra); else scripts/infra/up.sh
// starts Kafka and Postgres on loopback once, here, and the tests share them.
// Extra arguments go to tap, e.g. `npm test -- services/ingest/test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
const tapArguments = process.argv.slice(2);

function step(title, command, args, options = {}) {
  const started = Date.now();
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n✗ ${title} failed after ${seconds}s (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${title} (${seconds}s)\n`);
}

function infrastructureEnvironment() {
  if (process.env.KAFKA_BROKERS || process.env.DATABASE_URL) return {};
  const dockerMayAnswer = Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
  if (dockerMayAnswer && process.env.KOPPEL_TEST_NO_DOCKER !== '1') return {};
  process.stdout.write(
    '\n== infrastructure: scripts/infra/up.sh (Kafka 3.9.1 KRaft + PostgreSQL 15 on loopback)\n',
  );
  const stdout = execFileSync('bash', [resolve(root, 'scripts/infra/up.sh')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const environment = {};
  for (const line of stdout.split('\n')) {
    const match = /^([A-Z_]+)=(.+)$/.exec(line.trim());
    if (match) environment[match[1]] = match[2];
  }
  process.stdout.write(
    `   KAFKA_BROKERS=${environment.KAFKA_BROKERS}  DATABASE_URL=${environment.DATABASE_URL}\n`,
  );
  return environment;
}

if (!tapArguments.length || process.env.KOPPEL_TEST_CHECKS === '1') {
  step('lint and format (biome)', bin('biome'), ['check', '.']);
  step('wire contracts (buf lint, generated code fresh, no breaking change)', 'bash', [
    'scripts/proto/check.sh',
  ]);
  step('typecheck (tsc --noEmit in every workspace)', bin('turbo'), [
    'run',
    'typecheck',
    '--output-logs=errors-only',
  ]);
}
const environment = { ...process.env, ...infrastructureEnvironment() };
step('tests (tap)', bin('tap'), tapArguments, { env: environment });
