import { buildMijnwebwinkelSimulator } from './app.js';
import { loadConfig } from './config.js';

/** Standalone simulator: reads env, listens, stops cleanly on SIGINT/SIGTERM. */
const config = loadConfig();
const { app } = buildMijnwebwinkelSimulator({
  tokens:
    config.MWW_STORE_TOKEN !== undefined && config.MWW_PARTNER_TOKEN !== undefined
      ? [
          {
            token: config.MWW_STORE_TOKEN,
            partnerToken: config.MWW_PARTNER_TOKEN,
            partnerName: 'Koppel',
            active: true,
          },
        ]
      : [],
  rateLimit:
    config.MWW_RATE_LIMIT_REQUESTS === 0
      ? null
      : { requests: config.MWW_RATE_LIMIT_REQUESTS, windowMs: config.MWW_RATE_LIMIT_WINDOW_MS },
  ...(config.STATE_FILE !== undefined && { statePath: config.STATE_FILE }),
  logger: config.LOG_REQUESTS,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ port: config.PORT, host: config.HOST });
