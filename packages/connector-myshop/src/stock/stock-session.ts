/**
 * A session's stock part: the RPC calls and the product list read so far (SKU and EAN to the
 * product id the stock call names). Opened with the connector's session (connector.ts).
 */
import type { SessionServices } from '@koppel/connector-sdk';
import type { MyshopClient } from '../client.js';
import type { MyshopSession } from '../poll-orders.js';
import type { MyshopCredentials, MyshopSettings } from '../settings.js';
import { createStockRpc, type StockRpc } from './stock-rpc.js';

export type MyshopStock = {
  rpc: StockRpc;
  ids: { sku: Map<string, string>; ean: Map<string, string>; known: Set<string> };
  now(): number;
  /** When the product list was last read (epoch ms); undefined before the first read. */
  readAt: number | undefined;
};

export type MyshopStockSession = MyshopSession & { stock: MyshopStock };

export function openMyshopStock(
  settings: MyshopSettings,
  credentials: MyshopCredentials,
  services: SessionServices,
  client: MyshopClient,
): MyshopStock {
  return {
    rpc: createStockRpc(settings, credentials, services, client),
    ids: { sku: new Map(), ean: new Map(), known: new Set() },
    now: () => services.now(),
    readAt: undefined,
  };
}
