/**
 * @koppel/connector-accountview: books canonical orders in AccountView (accountview.net Web API,
 * OAuth 2.0 with rotating refresh tokens, `x-company`) as debtors and sales orders (SO1) or
 * journal-page sales invoices (DJ2). See README.md for settings, vendor facts and choices.
 */
export {
  type AccountviewClient,
  createAccountviewClient,
  type EqualFilter,
  type TableRows,
} from './client.js';
export { ACCOUNTVIEW_SYSTEM, type AccountviewConnector, accountviewConnector } from './connector.js';
export { toDocumentBody } from './document-body.js';
export { assertEn16931, type En16931Violation, en16931Violations } from './en16931.js';
export { type AccountviewErrorCode, accountviewError, accountviewErrorCatalogue } from './errors.js';
export { type DebtorValues, debtorChanges, mapDebtor } from './map-debtor.js';
export {
  type DocumentDraft,
  type DraftLine,
  documentNumber,
  mapDocument,
} from './map-document.js';
export { lineVatAmounts } from '@koppel/order-model';
export { type AccountviewWriteBody, centsToDecimal, scaled4ToDecimal, toWriteBody } from './payload.js';
export { type AccountviewSession, openSession } from './session.js';
export {
  type AccountviewCredentials,
  type AccountviewSettings,
  type AccountviewSettingsInput,
  credentialsSchema,
  DEFAULT_RATE_LIMIT,
  settingsSchema,
} from './settings.js';
export { accountviewStockSource } from './stock/stock-source.js';
export { createTokenManager, type TokenManager, type TokenManagerOptions } from './token-manager.js';
