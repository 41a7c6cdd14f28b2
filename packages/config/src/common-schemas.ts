import { z } from 'zod';

/** Reusable env fragments so every service spells the same variable the same way. */

/** Comma-separated broker list, e.g. `127.0.0.1:19092,127.0.0.1:19093`. */
export const kafkaBrokersSchema = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  );

/** A port number (1-65535); 0 lets the OS choose, for tests. */
export const portSchema = z.coerce.number().int().min(0).max(65535);

/** Environment booleans: true/false/1/0/yes/no. */
export const booleanSchema = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The env every Kafka+Postgres service shares. */
export const baseServiceEnvSchema = z.object({
  /** HTTP port for health, readiness, metrics (and the service's own routes). */
  PORT: portSchema.default(8080),
  /** Interface to bind; 0.0.0.0 in containers. */
  HOST: z.string().default('0.0.0.0'),
  /** Kafka bootstrap brokers, comma separated. No default: a URL. */
  KAFKA_BROKERS: kafkaBrokersSchema,
  /** Postgres connection URL. No default: a secret. */
  DATABASE_URL: z.string().url(),
  /** Prefix for every topic name (isolates environments or test runs on one cluster). */
  TOPIC_PREFIX: z.string().default(''),
  /** pino log level. */
  LOG_LEVEL: logLevelSchema.default('info'),
  /** OTLP/HTTP traces endpoint, e.g. http://otel-collector:4318/v1/traces; unset disables export. */
  // http(s) only: `otel-collector:4318` (scheme forgotten) is a valid URL with scheme `otel-collector:`
  // and would pass a plain URL check, leaving traces silently unexported.
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Milliseconds to wait for in-flight work on SIGTERM before exiting. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  /**
   * Apply the database migrations at start (default). The Helm chart sets false: its migrations
   * Job applies them once per release, and the deployables wait until the schema is current.
   */
  MIGRATE_ON_START: booleanSchema.default(true),
  /** With MIGRATE_ON_START=false: how long to wait for the migrations before giving up (ms). */
  MIGRATION_WAIT_MS: z.coerce.number().int().positive().default(300_000),
});

export type BaseServiceEnv = z.infer<typeof baseServiceEnvSchema>;
