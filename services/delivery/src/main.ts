import { tracing } from '@koppel/telemetry/register';
import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import { createConnectionRepository, createCredentialCipher, parseCredentialsKey } from '@koppel/db';
import { runConsumerDeployable } from '@koppel/service-kit';
import { z } from 'zod';
import { startDelivery } from './app.js';

const config = parseConfig(
  'delivery',
  baseServiceEnvSchema.extend({
    /** AES key (32 bytes, hex or base64) that opens connection credentials. */
    CREDENTIALS_KEY: z.string().min(32),
  }),
);
const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
await runConsumerDeployable({
  serviceName: 'delivery',
  config,
  tracing,
  start: (stage, runtime) =>
    startDelivery({ ...stage, connections: createConnectionRepository(runtime.database.db, cipher) }),
});
