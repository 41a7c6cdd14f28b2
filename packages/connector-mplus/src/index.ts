/**
 * @koppel/connector-mplus: books canonical orders in MplusKASSA as relations and orders over the
 * MplusQapi SOAP API (ident/secret on the tenant's personal host). See README.md.
 */
export { createMplusClient, faultError, type MplusClient, type MplusClientOptions } from './client.js';
export { MPLUS_SYSTEM, type MplusConnector, mplusConnector } from './connector.js';
export { type MplusSourceConnector, mplusSourceConnector } from './source/connector.js';
export { checkDocumentArithmetic, type DocumentTotals } from './en16931-check.js';
export { type MplusErrorCode, mplusError, mplusErrorCatalogue } from './errors.js';
export { type MplusLineDraft, type MplusVatMethod, mapLines, toCents } from './map-lines.js';
export {
  chooseVatMethod,
  deliveryMethodFor,
  extOrderId,
  type MplusOrderDraft,
  mapOrder,
  reverseChargeOf,
} from './map-order.js';
export { mapRelation, type RelationFields, relationChanges } from './map-relation.js';
export { toOrderPayload } from './order-body.js';
export { type ArticleRef, resolveProductArticle } from './resolve-article.js';
export { resolveRevenueAccount, resolveTaxCode } from './resolve-rules.js';
export { type MplusSession, openSession } from './session.js';
export {
  credentialsSchema,
  type MplusCredentials,
  type MplusSettings,
  type MplusSettingsInput,
  settingsSchema,
} from './settings.js';
export { buildEnvelope, readEnvelope, type XmlNode } from './soap-envelope.js';
export { mplusStockSource } from './stock/stock-source.js';
