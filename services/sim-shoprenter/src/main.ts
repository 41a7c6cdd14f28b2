import { buildShoprenterSimulator } from './app.js';
import { loadConfig } from './config.js';

/** Standalone Shoprenter simulator: the only place that reads env, listens and handles signals. */
async function main(): Promise<void> {
  const env = loadConfig(process.env);
  const sim = buildShoprenterSimulator({
    shopName: env.SIM_SHOPRENTER_SHOP_NAME,
    ...(env.SIM_SHOPRENTER_PUBLIC_BASE_URL ? { publicBaseUrl: env.SIM_SHOPRENTER_PUBLIC_BASE_URL } : {}),
    ...(env.SIM_SHOPRENTER_STATE_FILE ? { stateFile: env.SIM_SHOPRENTER_STATE_FILE } : {}),
    clients: [{ clientId: env.SIM_SHOPRENTER_CLIENT_ID, clientSecret: env.SIM_SHOPRENTER_CLIENT_SECRET }],
    basicAuth: {
      credentials: [{ username: env.SIM_SHOPRENTER_BASIC_USER, apiKey: env.SIM_SHOPRENTER_BASIC_API_KEY }],
      deprecated: env.SIM_SHOPRENTER_BASIC_DEPRECATED === 'true',
    },
    rateLimit:
      env.SIM_SHOPRENTER_RATE_LIMIT_PER_SECOND === 0
        ? false
        : { requests: env.SIM_SHOPRENTER_RATE_LIMIT_PER_SECOND, windowMs: 1000 },
    firstOrderInnerId: env.SIM_SHOPRENTER_FIRST_ORDER_ID,
    logger: env.SIM_SHOPRENTER_LOG === 'true',
  });
  const stop = async (signal: string) => {
    sim.app.log.info({ signal }, 'stopping');
    await sim.idle();
    await sim.app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const address = await sim.app.listen({ port: env.SIM_SHOPRENTER_PORT, host: env.SIM_SHOPRENTER_HOST });
  process.stdout.write(`sim-shoprenter (${env.SIM_SHOPRENTER_SHOP_NAME}) listening on ${address}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
