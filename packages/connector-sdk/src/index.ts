/**
 * The small interfaces every Koppel connector implements: plain types and functions, no base
 * classes. A source connector turns webhook bodies into canonical orders; a target connector
 * books canonical orders in a target system.
 */
export type { DecodeContext, SourceConnector, WebhookEvent, WebhookInput } from './source-connector.js';
export type { TargetConnector, TargetDebtor, TargetDocument } from './target-connector.js';
