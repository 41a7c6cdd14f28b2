import { type RawBuilder, sql } from 'kysely';

/**
 * Journey detail keys whose scalar values are facts, not personal data or payloads: ids, codes,
 * counts, stage names and the target's document links. Everything else (`sourcePayload`, the
 * mapped `order`, a customer's `displayName`, a request body, any nested object) goes when a row
 * is purged or erased. An allowlist, so a new payload key is dropped by default.
 */
export const KEPT_JOURNEY_KEYS: readonly string[] = Object.freeze([
  'stage',
  'code',
  'field',
  'reason',
  'message',
  'kind',
  'attempts',
  'delayMs',
  'parked',
  'retryable',
  'consecutiveFailures',
  'count',
  'articles',
  'eventId',
  'eventType',
  'eventKey',
  'rawEventId',
  'contentType',
  'channel',
  'via',
  'topic',
  'system',
  'sourceSystem',
  'targetSystem',
  'customerId',
  'debtorId',
  'documentId',
  'documentNumber',
  'deliveryId',
  'deadLetterId',
  'mappedAt',
]);

/** Texts kept (a reason, an error message) may quote an e-mail address; it is masked. */
export const MASK = '[REDACTED]';
const EMAIL_PATTERN = `[^[:space:]"'<>@(),;:]+@[^[:space:]"'<>@(),;:]+`;

/** SQL: the text with every e-mail address in it masked. */
export function maskEmailsSql(text: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`regexp_replace(${text}, ${EMAIL_PATTERN}, ${MASK}, 'g')`;
}

/** SQL: whether the text quotes an e-mail address (what `maskEmailsSql` would mask). */
export function containsEmailSql(text: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`coalesce(${text} ~ ${EMAIL_PATTERN}, false)`;
}

/**
 * SQL: the journey `detail` with only the kept keys' scalar values (texts masked), plus
 * `marker: now()`: `retentionPurgedAt` for the purge, `erasedAt` for an erasure.
 */
export function scrubbedDetailSql(marker: 'retentionPurgedAt' | 'erasedAt'): RawBuilder<unknown> {
  return sql`(
    select coalesce(jsonb_object_agg(e.k, case when jsonb_typeof(e.v) = 'string'
        then to_jsonb(${maskEmailsSql(sql`e.v #>> '{}'`)}) else e.v end), '{}'::jsonb)
    from jsonb_each(detail) as e(k, v)
    where e.k = any(${sql.val([...KEPT_JOURNEY_KEYS])}::text[])
      and jsonb_typeof(e.v) in ('string', 'number', 'boolean', 'null')
  ) || jsonb_build_object(${marker}::text, now())`;
}
