/**
 * The InnVoice target connector: the delivery pipeline's steps as calls of the InnVoice XML API
 * (README.md), plus a connection check. Mapping is pure (`map-*.ts`); a session holds one
 * connection's settings, client and memory of booked documents (`session.ts`).
 */
import type { TargetConnector } from '@koppel/connector-sdk';
import { check } from './check.js';
import { createDebtor, findDebtorByEmail, updateDebtor } from './debtor-steps.js';
import { createDocument, findDocument, findMissingProducts, prepareDocument } from './document-steps.js';
import type { InvoiceRecord } from './invoice-record.js';
import { innvoiceProductSource } from './products/product-source.js';
import { type InnvoiceSession, openSession } from './session.js';
import {
  credentialsSchema,
  type InnvoiceCredentials,
  type InnvoiceSettings,
  settingsSchema,
} from './settings.js';
import { innvoiceStockSource } from './stock/stock-source.js';

export const INNVOICE_SYSTEM = 'innvoice';

export type InnvoiceConnector = TargetConnector<
  InnvoiceSettings,
  InnvoiceCredentials,
  InnvoiceSession,
  InvoiceRecord
>;

export const innvoiceConnector: InnvoiceConnector = Object.freeze({
  system: INNVOICE_SYSTEM,
  displayName: 'InnVoice',
  settingsSchema,
  credentialsSchema,
  // No search by order in InnVoice (README "Duplicates"): Koppel's ledger keeps a create whose
  // answer was lost from being sent again.
  documentLookup: 'none',
  openSession,
  prepareDocument,
  findDocument,
  findDebtorByEmail,
  createDebtor,
  updateDebtor,
  findMissingProducts,
  createDocument,
  check,
  stockSource: innvoiceStockSource,
  productSource: innvoiceProductSource,
});
