import { buildAccountviewSimulator } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
const { app } = buildAccountviewSimulator({
  logger: true,
  ...(config.STATE_FILE ? { stateFile: config.STATE_FILE } : {}),
  rateLimit:
    config.RATE_LIMIT_REQUESTS === 0
      ? false
      : { requests: config.RATE_LIMIT_REQUESTS, windowMs: config.RATE_LIMIT_WINDOW_MS },
  accessTokenLifetimeSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'stopping AccountView simulator');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ port: config.PORT, host: config.HOST });
