/**
 * Real Kafka and Postgres for tests, found in this order: `KAFKA_BROKERS` / `DATABASE_URL` from the
 * environment; else testcontainers when a Docker engine answers; else the project's own
 * `scripts/infra/up.sh` (Kafka 3.9 KRaft from Maven Central, PostgreSQL from Debian, on loopback).
 */
export { createIsolatedDatabase, type IsolatedDatabase } from './isolated-database.js';
export { type Infrastructure, resolveInfrastructure } from './resolve-infrastructure.js';
export { uniqueRunId } from './unique-run-id.js';
