import { buildMplusSimulator } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
const { app } = buildMplusSimulator({
  logger: true,
  credentials: [{ ident: config.SIM_MPLUS_IDENT, secret: config.SIM_MPLUS_SECRET }],
  ...(config.SIM_MPLUS_STATE_FILE ? { stateFile: config.SIM_MPLUS_STATE_FILE } : {}),
  rateLimit:
    config.SIM_MPLUS_RATE_LIMIT_REQUESTS === 0
      ? null
      : { requests: config.SIM_MPLUS_RATE_LIMIT_REQUESTS, windowMs: config.SIM_MPLUS_RATE_LIMIT_WINDOW_MS },
});

const stop = async (signal: string) => {
  app.log.info({ signal }, 'stopping MplusKASSA simulator');
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port: config.SIM_MPLUS_PORT, host: config.SIM_MPLUS_HOST });
