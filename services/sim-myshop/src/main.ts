import { buildMyshopSimulator } from './app.js';
import { loadConfig } from './config.js';

/** Standalone simulator: reads env, listens, stops cleanly on SIGINT/SIGTERM. */
const config = loadConfig();
const { app } = buildMyshopSimulator({
  shops:
    config.MYSHOP_SHOP_NUMBER !== undefined && config.MYSHOP_PRIVATE_KEY !== undefined
      ? [
          {
            number: config.MYSHOP_SHOP_NUMBER,
            privateKey: config.MYSHOP_PRIVATE_KEY,
            allowedIp: config.MYSHOP_ALLOWED_IP ?? null,
          },
        ]
      : [],
  changeTimeGranularity: config.MYSHOP_CHANGE_TIME_GRANULARITY,
  ...(config.STATE_FILE !== undefined && { statePath: config.STATE_FILE }),
  logger: config.LOG_REQUESTS,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ port: config.PORT, host: config.HOST });
