/**
 * Mijnwebwinkel as a target: orders taken elsewhere (the MplusKASSA till) become shop orders with
 * `POST /orders` (README "Mijnwebwinkel as a target"). Customer found by e-mail or created
 * (`/customers`), products checked by SKU against the shop's articles, and the shop order found
 * again by the till reference in its internal comment before any create.
 */
import type { TargetConnector } from '@koppel/connector-sdk';
import { MIJNWEBWINKEL_SYSTEM } from '../decode-order.js';
import { createCustomer, findCustomerByEmail, updateCustomer } from './customer-steps.js';
import type { MijnwebwinkelOrderBody } from './order-body.js';
import { createShopOrder, findMissingArticles, findShopOrder } from './order-steps.js';
import { prepareMijnwebwinkelOrder } from './prepare-order.js';
import { checkMijnwebwinkelTarget } from './target-check.js';
import { type MijnwebwinkelTargetSession, openTargetSession } from './target-session.js';
import {
  type MijnwebwinkelTargetCredentials,
  type MijnwebwinkelTargetSettings,
  mijnwebwinkelTargetCredentialsSchema,
  mijnwebwinkelTargetSettingsSchema,
} from './target-settings.js';

export const mijnwebwinkelTargetConnector: TargetConnector<
  MijnwebwinkelTargetSettings,
  MijnwebwinkelTargetCredentials,
  MijnwebwinkelTargetSession,
  MijnwebwinkelOrderBody
> = Object.freeze({
  system: MIJNWEBWINKEL_SYSTEM,
  displayName: 'Mijnwebwinkel',
  settingsSchema: mijnwebwinkelTargetSettingsSchema,
  credentialsSchema: mijnwebwinkelTargetCredentialsSchema,
  documentLookup: 'by-number' as const,
  openSession: openTargetSession,
  prepareDocument: (order, session) => prepareMijnwebwinkelOrder(order, session.settings),
  findDocument: (session, prepared) => findShopOrder(session, prepared),
  findDebtorByEmail: findCustomerByEmail,
  createDebtor: createCustomer,
  updateDebtor: updateCustomer,
  findMissingProducts: findMissingArticles,
  createDocument: createShopOrder,
  check: checkMijnwebwinkelTarget,
});
