/**
 * The MplusKASSA target connector: the delivery pipeline's steps (prepare, find the order by its
 * extOrderId, relation by e-mail, article check, order) as MplusQapi SOAP calls, plus a
 * connection check. Mapping is pure (`map-*.ts`, `resolve-*.ts`, `en16931-check.ts`); a session
 * holds one connection's settings and SOAP client (`session.ts`). See README.md.
 */
import type { TargetConnector } from '@koppel/connector-sdk';
import { check } from './check.js';
import { createDocument, findDocument, findMissingProducts, prepareDocument } from './document-steps.js';
import type { MplusOrderDraft } from './map-order.js';
import { mplusProductSource } from './products/product-source.js';
import { createDebtor, debtorDetails, findDebtorByEmail, updateDebtor } from './relation-steps.js';
import { type MplusSession, openSession } from './session.js';
import { credentialsSchema, type MplusCredentials, type MplusSettings, settingsSchema } from './settings.js';
import { mplusStockSource } from './stock/stock-source.js';

export const MPLUS_SYSTEM = 'mplus';

export type MplusConnector = TargetConnector<MplusSettings, MplusCredentials, MplusSession, MplusOrderDraft>;

export const mplusConnector: MplusConnector = Object.freeze({
  system: MPLUS_SYSTEM,
  displayName: 'MplusKASSA',
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
  stockSource: mplusStockSource,
  productSource: mplusProductSource,
});
