/**
 * @koppel/connector-asperion: books canonical orders in Asperion as debtors and sales invoices
 * (REST API v1, OAuth 2.0 with rotating refresh tokens). See README.md for settings and mapping.
 */
export {
  type AsperionClient,
  type AsperionClientOptions,
  type AsperionRequest,
  createAsperionClient,
} from './client.js';
export { ASPERION_SYSTEM, type AsperionConnector, asperionConnector } from './connector.js';
export { type AsperionErrorCode, asperionError, asperionErrorCatalogue } from './errors.js';
export { type BookDate, toBookDate } from './book-date.js';
export { type SalesInvoiceBody, toSalesInvoiceBody } from './invoice-body.js';
export { type DebtorBody, mapDebtor, mergeDebtorUpdate } from './map-debtor.js';
export { documentNumber, mapInvoice, type SalesInvoiceDraft } from './map-invoice.js';
export { type AsperionSession, openSession } from './session.js';
export {
  type AsperionCredentials,
  type AsperionSettings,
  type AsperionSettingsInput,
  credentialsSchema,
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
  type RevenueAccountRule,
  rateLimitSchema,
  settingsSchema,
  type VatCodeRule,
} from './settings.js';
export { asperionStockSource } from './stock/stock-source.js';
export {
  type AuthorizationCodeOptions,
  buildAuthorizeUrl,
  createTokenManager,
  exchangeAuthorizationCode,
  type FetchLike,
  type TokenManager,
  type TokenManagerOptions,
  type TokenSet,
} from './token-manager.js';
