import { buildAsperionSimulator } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
const { app } = buildAsperionSimulator({
  logger: true,
  autoApprove: config.ASPERION_SIM_AUTO_APPROVE === 'true',
  accessTokenLifetimeSeconds: config.ASPERION_SIM_ACCESS_TOKEN_SECONDS,
  rateLimit:
    config.ASPERION_SIM_RATE_LIMIT_PER_MINUTE === 0
      ? false
      : { requests: config.ASPERION_SIM_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
  ...(config.ASPERION_SIM_STATE_FILE ? { stateFile: config.ASPERION_SIM_STATE_FILE } : {}),
  ...(config.ASPERION_SIM_PUBLIC_URL ? { publicBaseUrl: config.ASPERION_SIM_PUBLIC_URL } : {}),
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ port: config.ASPERION_SIM_PORT, host: config.ASPERION_SIM_HOST });
