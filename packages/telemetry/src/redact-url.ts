/** What replaces a secret in logs and traces. */
export const REDACTED = '[REDACTED]';

/**
 * Webhook URLs of sources without signatures carry the connection's secret as the path segment
 * after `/webhooks/:source/:connectionId/` (see services/ingest/src/routes/webhook-routes.ts).
 * Anything after the connection id is replaced, so a mistyped URL with extra segments leaks
 * nothing either.
 */
const WEBHOOK_SECRET_PATH = /(\/webhooks\/[^/?#\s]+\/[^/?#\s]+\/)[^?#\s"']+/g;

/**
 * Query values are personal data as often as not (the activity log's `?q=` searches by customer
 * e-mail; a target look-up asks `?emailAddress=`): every value is replaced, the names stay.
 */
const QUERY_VALUE = /([?&][^=&#\s"']+=)[^&#\s"']+/g;

/**
 * A URL, path or any text (a span name, a log message) with every secret it may carry
 * replaced by `[REDACTED]`. The one redaction rule: request logging and tracing both use it.
 */
export function redactUrl(text: string): string {
  // Most span names and attributes carry neither: skip both scans (every span runs this twice).
  if (!text.includes('=') && !text.includes('/webhooks/')) return text;
  return text.replace(WEBHOOK_SECRET_PATH, `$1${REDACTED}`).replace(QUERY_VALUE, `$1${REDACTED}`);
}
