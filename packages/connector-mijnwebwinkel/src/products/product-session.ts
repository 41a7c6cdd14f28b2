/**
 * A session's product part: its paced client, and what it has read of the shop (whether prices
 * include VAT, the category tree). Opened with the connector's session (connector.ts); the
 * article index is the stock part's, so both sinks of a session look each SKU/EAN up once.
 */
import type { SessionServices } from '@koppel/connector-sdk';
import type { MijnwebwinkelCredentials, MijnwebwinkelSettings } from '../settings.js';
import type { MijnwebwinkelStockSession } from '../stock/stock-session.js';
import { createProductClient, type ProductClient } from './product-client.js';

export type MijnwebwinkelProducts = {
  client: ProductClient;
  /** `store.prices_include_tax`, once read. */
  pricesIncludeTax: boolean | undefined;
  /** Category id by parent id ('' = top) and title, once read; kept up to date with what is created. */
  categories: Map<string, Map<string, number>> | undefined;
  /** The connection's variant attribute → article list map and whether missing options are added. */
  variantLists: Readonly<Record<string, number>>;
  createMissingOptions: boolean;
  /** Store article lists by id (option name, lowercased → option id), once read; kept up to date. */
  articleLists: Map<number, Map<string, number>>;
};

export type MijnwebwinkelProductSession = MijnwebwinkelStockSession & { products: MijnwebwinkelProducts };

export function openMijnwebwinkelProducts(
  settings: MijnwebwinkelSettings,
  credentials: MijnwebwinkelCredentials,
  services: SessionServices,
): MijnwebwinkelProducts {
  return {
    client: createProductClient(settings, credentials, services),
    pricesIncludeTax: undefined,
    categories: undefined,
    variantLists: settings.variantLists,
    createMissingOptions: settings.createMissingOptions,
    articleLists: new Map(),
  };
}
