/**
 * The AccountView target connector: the delivery pipeline's steps (prepare, dedupe, debtor by
 * e-mail, article check, sales order or journal page) as calls of the AccountView Web API, plus a
 * connection check. Mapping is pure (`map-*.ts`, `en16931.ts`); a session holds one connection's
 * settings, token manager and rate limiter (`session.ts`). See README.md.
 */
import type { TargetConnector } from '@koppel/connector-sdk';
import { check } from './check.js';
import { createDebtor, debtorDetails, findDebtorByEmail, updateDebtor } from './debtor-steps.js';
import { createDocument, findDocument, findMissingProducts, prepareDocument } from './document-steps.js';
import type { DocumentDraft } from './map-document.js';
import { accountviewProductSource } from './products/product-source.js';
import { type AccountviewSession, openSession } from './session.js';
import { accountviewStockSource } from './stock/stock-source.js';
import {
  type AccountviewCredentials,
  type AccountviewSettings,
  credentialsSchema,
  settingsSchema,
} from './settings.js';

export const ACCOUNTVIEW_SYSTEM = 'accountview';

export type AccountviewConnector = TargetConnector<
  AccountviewSettings,
  AccountviewCredentials,
  AccountviewSession,
  DocumentDraft
>;

export const accountviewConnector: AccountviewConnector = Object.freeze({
  system: ACCOUNTVIEW_SYSTEM,
  displayName: 'AccountView',
  settingsSchema,
  credentialsSchema,
  openSession,
  prepareDocument,
  findDocument,
  findDebtorByEmail,
  createDebtor,
  updateDebtor,
  debtorDetails,
  findMissingProducts,
  createDocument,
  check,
  productSource: accountviewProductSource,
  stockSource: accountviewStockSource,
});
