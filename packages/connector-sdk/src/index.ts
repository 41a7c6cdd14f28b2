/**
 * The small interfaces every Koppel connector implements: plain types and functions, no base
 * classes. A source connector turns webhook bodies or polls into canonical orders; a target
 * connector books canonical orders in a target system. Both declare zod schemas for their
 * settings and credentials, which the admin API validates and publishes in its OpenAPI document.
 */
export type { CheckFinding, ConnectionContext, FetchLike, SessionServices } from './connection-context.js';
export type {
  AnySourceConnector,
  BookedOrder,
  CursorReset,
  DecodeContext,
  PollCapability,
  PollResult,
  SourceConnector,
  SourceEvent,
  WebhookCapability,
  WebhookEvent,
  WebhookInput,
} from './source-connector.js';
export type {
  AnyTargetConnector,
  PreparedDocument,
  TargetConnector,
  TargetDebtor,
  TargetDocument,
} from './target-connector.js';
