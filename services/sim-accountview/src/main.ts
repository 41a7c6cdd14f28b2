import { buildAccountviewSimulator } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
const { app } = buildAccountviewSimulator({
  logger: true,
  ...(config.SIM_ACCOUNTVIEW_STATE_FILE ? { stateFile: config.SIM_ACCOUNTVIEW_STATE_FILE } : {}),
  rateLimit:
    config.SIM_ACCOUNTVIEW_RATE_LIMIT_REQUESTS === 0
      ? null
      : {
          requests: config.SIM_ACCOUNTVIEW_RATE_LIMIT_REQUESTS,
          windowMs: config.SIM_ACCOUNTVIEW_RATE_LIMIT_WINDOW_MS,
        },
  accessTokenLifetimeSeconds: config.SIM_ACCOUNTVIEW_ACCESS_TOKEN_TTL_SECONDS,
});

const stop = async (signal: string) => {
  app.log.info({ signal }, 'stopping AccountView simulator');
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port: config.SIM_ACCOUNTVIEW_PORT, host: config.SIM_ACCOUNTVIEW_HOST });
