import { buildInnvoiceSimulator } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
const { app } = buildInnvoiceSimulator({
  logger: true,
  rateLimit:
    config.RATE_LIMIT_PER_MINUTE === 0 ? false : { requests: config.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
  ...(config.STATE_FILE ? { stateFile: config.STATE_FILE } : {}),
  ...(config.PUBLIC_URL ? { publicBaseUrl: config.PUBLIC_URL } : {}),
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ port: config.PORT, host: config.HOST });
