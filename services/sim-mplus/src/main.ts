import { buildMplusSimulator } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
const { app } = buildMplusSimulator({
  logger: true,
  ...(config.MPLUS_IDENT && config.MPLUS_SECRET
    ? { credentials: [{ ident: config.MPLUS_IDENT, secret: config.MPLUS_SECRET }] }
    : {}),
  ...(config.STATE_FILE ? { stateFile: config.STATE_FILE } : {}),
  rateLimit:
    config.MPLUS_RATE_LIMIT_REQUESTS === 0
      ? false
      : { requests: config.MPLUS_RATE_LIMIT_REQUESTS, windowMs: config.MPLUS_RATE_LIMIT_WINDOW_MS },
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'stopping MplusKASSA simulator');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ port: config.PORT, host: config.HOST });
