/**
 * The Asperion target connector: the delivery pipeline's steps (prepare, dedupe, debtor by
 * e-mail, product check, invoice) as calls of the Asperion REST API (README.md), plus a
 * connection check. Mapping is pure (`map-*.ts`); a session holds one connection's settings,
 * token cache and rate limiter (`session.ts`).
 */
import type { TargetConnector } from '@koppel/connector-sdk';
import { check } from './check.js';
import { createDebtor, debtorDetails, findDebtorByEmail, updateDebtor } from './debtor-steps.js';
import { createDocument, findDocument, findMissingProducts, prepareDocument } from './document-steps.js';
import type { SalesInvoiceBody } from './invoice-body.js';
import { asperionProductSource } from './products/product-source.js';
import { type AsperionSession, openSession } from './session.js';
import { asperionStockSource } from './stock/stock-source.js';
import {
  type AsperionCredentials,
  type AsperionSettings,
  credentialsSchema,
  settingsSchema,
} from './settings.js';

export const ASPERION_SYSTEM = 'asperion';

export type AsperionConnector = TargetConnector<
  AsperionSettings,
  AsperionCredentials,
  AsperionSession,
  SalesInvoiceBody
>;

export const asperionConnector: AsperionConnector = Object.freeze({
  system: ASPERION_SYSTEM,
  displayName: 'Asperion',
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
  stockSource: asperionStockSource,
  productSource: asperionProductSource,
});
