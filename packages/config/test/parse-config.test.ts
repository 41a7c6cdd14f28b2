import t from 'tap';
import { z } from 'zod';
import {
  baseServiceEnvSchema,
  booleanSchema,
  ConfigError,
  kafkaBrokersSchema,
  parseConfig,
  portSchema,
} from '../src/index.js';

const minimal = {
  KAFKA_BROKERS: '127.0.0.1:19092',
  DATABASE_URL: 'postgres://koppel:koppel@127.0.0.1:5432/koppel',
};

t.test('the base env applies its defaults and parses what it is given', async (t) => {
  const config = parseConfig('svc', baseServiceEnvSchema, minimal);
  t.same(config, {
    PORT: 8080,
    HOST: '0.0.0.0',
    KAFKA_BROKERS: ['127.0.0.1:19092'],
    DATABASE_URL: minimal.DATABASE_URL,
    TOPIC_PREFIX: '',
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: 15000,
    MIGRATE_ON_START: true,
    MIGRATION_WAIT_MS: 300000,
  });
  t.equal(
    parseConfig('svc', baseServiceEnvSchema, { ...minimal, MIGRATE_ON_START: 'false' }).MIGRATE_ON_START,
    false,
    'the chart turns start-up migration off',
  );
  t.equal(config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, undefined, 'no traces endpoint by default');

  const given = parseConfig('svc', baseServiceEnvSchema, {
    ...minimal,
    PORT: '0',
    HOST: '127.0.0.1',
    KAFKA_BROKERS: ' a:1 , b:2,,',
    TOPIC_PREFIX: 'test.',
    LOG_LEVEL: 'debug',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel:4318/v1/traces',
    SHUTDOWN_TIMEOUT_MS: '2500',
  });
  t.equal(given.PORT, 0, 'port 0 for tests');
  t.same(given.KAFKA_BROKERS, ['a:1', 'b:2'], 'brokers split, trimmed, empties dropped');
  t.equal(given.SHUTDOWN_TIMEOUT_MS, 2500);
  t.equal(given.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, 'http://otel:4318/v1/traces');
});

t.test('the result is frozen', async (t) => {
  const config = parseConfig('svc', baseServiceEnvSchema, minimal);
  t.ok(Object.isFrozen(config));
  t.throws(() => {
    (config as { PORT: number }).PORT = 1;
  }, TypeError);
});

t.test('secrets and URLs have no defaults', async (t) => {
  const error = t.throws(() => parseConfig('svc', baseServiceEnvSchema, {})) as ConfigError;
  t.type(error, ConfigError);
  t.same(
    error.problems.map((p) => p.split(':')[0]).sort(),
    ['DATABASE_URL', 'KAFKA_BROKERS'],
    'exactly the two required variables are missing',
  );
});

t.test('it fails fast listing every bad variable, not just the first', async (t) => {
  const env = {
    PORT: '70000',
    KAFKA_BROKERS: '',
    DATABASE_URL: 'not a url',
    LOG_LEVEL: 'loud',
    // A forgotten scheme: still a syntactically valid URL, but no http(s) endpoint.
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'otel-collector:4318',
    SHUTDOWN_TIMEOUT_MS: '-5',
  };
  const error = t.throws(() => parseConfig('ingest', baseServiceEnvSchema, env)) as ConfigError;
  t.equal(error.name, 'ConfigError');
  const fields = error.problems.map((p) => p.split(':')[0]).sort();
  t.same(fields, [
    'DATABASE_URL',
    'KAFKA_BROKERS',
    'LOG_LEVEL',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    'PORT',
    'SHUTDOWN_TIMEOUT_MS',
  ]);
  t.match(error.message, /^Invalid configuration for ingest:\n {2}- /, 'names the service');
  for (const field of fields) t.match(error.message, `  - ${field}: `, `${field} listed in the message`);
});

t.test('root-level problems are named as such', async (t) => {
  const error = t.throws(() => parseConfig('svc', z.string(), {})) as ConfigError;
  t.match(error.problems[0], /^\(root\): /);
});

t.test('the shared fragments', async (t) => {
  t.equal(portSchema.parse('65535'), 65535);
  t.notOk(portSchema.safeParse('65536').success);
  t.notOk(portSchema.safeParse('80.5').success, 'integers only');
  t.notOk(portSchema.safeParse('-1').success);
  for (const yes of ['true', '1', 'yes']) t.equal(booleanSchema.parse(yes), true, yes);
  for (const no of ['false', '0', 'no']) t.equal(booleanSchema.parse(no), false, no);
  t.notOk(booleanSchema.safeParse('TRUE').success, 'no guessing at other spellings');
  t.notOk(kafkaBrokersSchema.safeParse('').success);
});
