/**
 * A session's stock part: its paced client and the article index it has read so far. Opened
 * with the connector's session (connector.ts), so the index lives as long as the session.
 */
import type { SessionServices } from '@koppel/connector-sdk';
import type { MijnwebwinkelSession } from '../poll-orders.js';
import type { MijnwebwinkelCredentials, MijnwebwinkelSettings } from '../settings.js';
import { type ArticleIndex, createArticleIndex } from './article-index.js';
import { createStockClient, type StockClient } from './stock-client.js';

export type MijnwebwinkelStock = {
  client: StockClient;
  index: ArticleIndex;
  timeZone: string;
  now(): number;
  /** When the last catalogue read started (epoch ms); undefined before the first. */
  readAt: number | undefined;
};

export type MijnwebwinkelStockSession = MijnwebwinkelSession & { stock: MijnwebwinkelStock };

export function openMijnwebwinkelStock(
  settings: MijnwebwinkelSettings,
  credentials: MijnwebwinkelCredentials,
  services: SessionServices,
): MijnwebwinkelStock {
  return {
    client: createStockClient(settings, credentials, services),
    index: createArticleIndex(),
    timeZone: settings.timeZone,
    now: () => services.now(),
    readAt: undefined,
  };
}
