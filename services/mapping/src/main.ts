import { tracing } from '@koppel/telemetry/register';
import { createConnectionRepository, createCredentialCipher, parseCredentialsKey } from '@koppel/db';
import { runConsumerDeployable } from '@koppel/service-kit';
import { startMapping } from './app.js';
import { loadMappingConfig } from './config.js';

const config = loadMappingConfig();
const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
await runConsumerDeployable({
  serviceName: 'mapping',
  config,
  tracing,
  start: (stage, runtime) =>
    startMapping({ ...stage, connections: createConnectionRepository(runtime.database.db, cipher) }),
});
