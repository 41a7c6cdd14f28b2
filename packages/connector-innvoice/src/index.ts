/**
 * @koppel/connector-innvoice: books canonical orders in InnVoice (Hungarian invoicing, XML API,
 * HTTP Basic) as invoices or proformas, final or set aside. See README.md.
 */
export { type CallOutcome, createInnvoiceClient, type InnvoiceClient, parseXml, toXml } from './client.js';
export { INNVOICE_SYSTEM, type InnvoiceConnector, innvoiceConnector } from './connector.js';
export { findUnstockedSkus } from './document-steps.js';
export { checkEn16931, type CheckedDocument } from './en16931-check.js';
export { type InnvoiceErrorCode, innvoiceError, innvoiceErrorCatalogue } from './errors.js';
export { type InvoiceRecord, toInvoiceRecord } from './invoice-record.js';
export { type Buyer, mapBuyer, normalizeTaxNumber } from './map-buyer.js';
export { formatPrice, innvoiceLineTotals, toForint, unitPriceFor } from './map-forint.js';
export { type InvoiceDraft, type InvoiceLineDraft, mapInvoice, orderReference } from './map-invoice.js';
export { vatLabelFor } from './map-vat-label.js';
export { type InnvoiceSession, openSession } from './session.js';
export {
  credentialsSchema,
  DEFAULT_RATE_LIMIT,
  type InnvoiceCredentials,
  type InnvoiceSettings,
  type InnvoiceSettingsInput,
  settingsSchema,
  ZERO_VAT_LABELS,
} from './settings.js';
export { innvoiceStockSource } from './stock/stock-source.js';
