/**
 * @koppel/connector-asperion: books canonical orders in Asperion as debtors and sales invoices
 * (REST API v1, OAuth 2.0 with rotating refresh tokens). See README.md for settings and mapping.
 */
export {
  type AsperionClient,
  type AsperionClientOptions,
  type AsperionRequest,
  createAsperionClient,
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
} from './asperion-client.js';
export {
  ASPERION_SYSTEM,
  type AsperionConnector,
  type AsperionConnectorDeps,
  type AsperionSession,
  createAsperionConnector,
} from './asperion-connector.js';
export {
  type AsperionSettings,
  type AsperionSettingsInput,
  asperionSettingsSchema,
  parseAsperionSettings,
  type RevenueAccountRule,
  type VatCodeRule,
} from './asperion-settings.js';
export { type BookDate, toBookDate } from './domain/book-date.js';
export { type SalesInvoiceBody, toSalesInvoiceBody } from './domain/invoice-body.js';
export { type DebtorBody, mapDebtor, mergeDebtorUpdate } from './domain/map-debtor.js';
export { documentNumber, mapInvoice, type SalesInvoiceDraft } from './domain/map-invoice.js';
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
