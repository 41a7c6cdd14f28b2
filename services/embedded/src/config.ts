import { logLevelSchema, parseConfig, portSchema } from '@koppel/config';
import { z } from 'zod';

const embeddedEnvSchema = z.object({
  /** Folder holding the embedded Postgres, keys and simulator state; survives restarts. */
  KOPPEL_DATA_DIR: z.string().default('.koppel-data'),
  /** Interface the embedded mode binds to (loopback: it is a laptop sandbox). */
  KOPPEL_HOST: z.string().default('127.0.0.1'),
  /** Port of ingest (shop webhooks). */
  KOPPEL_INGEST_PORT: portSchema.default(8080),
  /** Port of the admin API and its Swagger UI (/docs). */
  KOPPEL_ADMIN_PORT: portSchema.default(8081),
  /** Port of the Shoprenter simulator. */
  KOPPEL_SIM_SHOPRENTER_PORT: portSchema.default(8091),
  /** Port of the Asperion simulator. */
  KOPPEL_SIM_ASPERION_PORT: portSchema.default(8092),
  /** Port of the AccountView simulator (target of demo-myshop). */
  KOPPEL_SIM_ACCOUNTVIEW_PORT: portSchema.default(8093),
  /** Port of the Mijnwebwinkel simulator (source of demo-mijnwebwinkel and demo-mplus). */
  KOPPEL_SIM_MIJNWEBWINKEL_PORT: portSchema.default(8094),
  /** Port of the myShop simulator (source of demo-myshop). */
  KOPPEL_SIM_MYSHOP_PORT: portSchema.default(8095),
  /** Port of the MplusKASSA simulator (target of demo-mplus). */
  KOPPEL_SIM_MPLUS_PORT: portSchema.default(8096),
  /** Port of the InnVoice simulator (target of demo-hu). */
  KOPPEL_SIM_INNVOICE_PORT: portSchema.default(8097),
  /** Port of the second, Hungarian Shoprenter simulator (source of demo-hu, prices in HUF). */
  KOPPEL_SIM_SHOPRENTER_HU_PORT: portSchema.default(8098),
  /** Seconds between polls of the demo connections' polled shops (Mijnwebwinkel min 1, myShop min 5). */
  KOPPEL_DEMO_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(5),
  /** Admin API keys, comma separated; when unset one is generated and kept in the data folder. */
  ADMIN_API_KEYS: z.string().optional(),
  /** 32-byte credentials key (hex/base64); when unset one is generated and kept in the data folder. */
  CREDENTIALS_KEY: z.string().optional(),
  LOG_LEVEL: logLevelSchema.default('warn'),
  /**
   * How far the JavaScript heap may grow past its live size before V8 collects (percent; 0: V8's
   * own factor, up to 4x). One process holds every service here, so V8's default let it keep
   * 100+ MB of garbage under load (`setHeapGrowingPercent`).
   */
  KOPPEL_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1000).default(25),
  /** SMTP server for notification e-mails (smtp://host:port); unset: notifications by webhook only. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender address of notification e-mails. */
  NOTIFY_FROM: z.email().default('koppel@localhost'),
});

export type EmbeddedConfig = z.infer<typeof embeddedEnvSchema>;

export function loadEmbeddedConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<EmbeddedConfig> {
  return parseConfig('embedded', embeddedEnvSchema, env);
}
