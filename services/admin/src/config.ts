import { booleanSchema, logLevelSchema, parseConfig, portSchema } from '@koppel/config';
import { z } from 'zod';

/** 32 bytes as 64 hex chars or base64, the forms @koppel/db's parseCredentialsKey accepts. */
const credentialsKeySchema = z
  .string()
  .refine(
    (raw) =>
      /^[0-9a-f]{64}$/i.test(raw) ||
      (/^[A-Za-z0-9+/]+=*$/.test(raw) && Buffer.from(raw, 'base64').length === 32),
    { message: 'must be 32 bytes: 64 hex characters or base64 (openssl rand -base64 32)' },
  );

/** Comma-separated keys, each long enough not to be guessed (openssl rand -hex 32 gives 64). */
const apiKeysSchema = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().min(32, 'each API key needs at least 32 characters')).min(1, 'at least one key'));

const adminEnvSchema = z.object({
  /** TCP port the admin API listens on. */
  PORT: portSchema.default(8080),
  /** Interface to bind (address); 0.0.0.0 in containers. */
  HOST: z.string().default('0.0.0.0'),
  /** Postgres connection URL. No default: it holds a password. */
  DATABASE_URL: z.url(),
  /** AES-256-GCM key sealing connection credentials: 32 bytes, hex or base64. No default: a secret. */
  CREDENTIALS_KEY: credentialsKeySchema,
  /** Operator API keys for /admin/v1 (comma separated, >= 32 chars each; see every tenant); several allow rotation. */
  ADMIN_API_KEYS: apiKeysSchema,
  /** Public base URL (scheme://host[:port][/path]) of ingest, where shops send webhooks. No default. */
  PUBLIC_WEBHOOK_BASE_URL: z.url({ protocol: /^https?$/ }),
  /** Kafka bootstrap brokers (comma separated host:port); unset: dead-letter replays answer 503. */
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((raw) =>
      raw
        ?.split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(1)).min(1).optional()),
  /** Wrong API keys one source address may present per window (count); then 429. */
  AUTH_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  /** Length of the wrong-API-key window, in seconds. */
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  /** SMTP server for notification e-mails, e.g. smtp://user:pass@mail.example.com:587; unset: no e-mail. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender address of notification e-mails. */
  NOTIFY_FROM: z.email().default('koppel@localhost'),
  /** How often the notifier looks for new problems, in milliseconds. */
  NOTIFY_SCAN_MS: z.coerce.number().int().min(1000).default(30_000),
  /** pino log level (fatal..trace, silent). */
  LOG_LEVEL: logLevelSchema.default('info'),
  /** OTLP/HTTP traces endpoint URL, e.g. http://otel-collector:4318/v1/traces; unset: no export. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** service.name on exported spans (text). */
  OTEL_SERVICE_NAME: z.string().min(1).default('koppel-admin'),
  /** Milliseconds in-flight requests get on SIGTERM before the process exits. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  /** Migrate at start (default); the chart sets false and its migrations Job migrates. */
  MIGRATE_ON_START: booleanSchema.default(true),
  /** With MIGRATE_ON_START=false: how long to wait for the migrations (ms). */
  MIGRATION_WAIT_MS: z.coerce.number().int().positive().default(300_000),
});

export type AdminConfig = z.infer<typeof adminEnvSchema>;

/** Parsed once, frozen; an invalid environment throws a ConfigError listing every problem. */
export function loadAdminConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<AdminConfig> {
  return parseConfig('admin', adminEnvSchema, env);
}
