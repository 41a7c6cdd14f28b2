import { AppError, type AppErrorOptions, appError } from '@koppel/errors';

/**
 * Codes of the admin API beyond the shared catalogue of @koppel/errors, each with its HTTP
 * status. Stable once released: operators alert on them.
 */
export const adminErrorCatalogue = {
  /** Settings do not match the connector's `settingsSchema` (422: well-formed JSON, wrong content). */
  INVALID_SETTINGS: { httpStatus: 422, retryable: false },
  /** Credentials do not match the connector's `credentialsSchema`. */
  INVALID_CREDENTIALS: { httpStatus: 422, retryable: false },
  /** The connection's system has no connector (any more). */
  UNKNOWN_SYSTEM: { httpStatus: 422, retryable: false },
  /** The source cannot turn the operator's cursor reset into a cursor. */
  CURSOR_RESET_REFUSED: { httpStatus: 422, retryable: false },
  /** Too many wrong API keys from this address; Retry-After says when to try again. */
  AUTH_RATE_LIMITED: { httpStatus: 429, retryable: true },
  /** The replay could book a document twice unless the operator confirms it is not in the target. */
  REPLAY_NEEDS_CONFIRMATION: { httpStatus: 409, retryable: false },
  /** The path exists but not with this method; the Allow header lists the ones it has. */
  METHOD_NOT_ALLOWED: { httpStatus: 405, retryable: false },
  /** This admin API has no message bus to replay to (standalone admin without KAFKA_BROKERS). */
  REPLAY_UNAVAILABLE: { httpStatus: 503, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type AdminErrorCode = keyof typeof adminErrorCatalogue;

function adminError(code: AdminErrorCode, message: string, options: AppErrorOptions = {}): AppError {
  return new AppError(code, message, { ...adminErrorCatalogue[code], ...options });
}

/** One zod issue as problem+json lists it: the field and what is wrong (never the value). */
export type FieldIssue = { field: string; message: string };

/** The admin API's failures, each naming the field at fault. */
export const adminErrors = {
  missingApiKey: () =>
    appError('UNAUTHENTICATED', 'an API key is required: Authorization: Bearer <key> or X-Api-Key', {
      field: 'headers.authorization',
    }),
  wrongApiKey: () =>
    appError('UNAUTHENTICATED', 'the API key is not valid', { field: 'headers.authorization' }),
  tooManyAuthFailures: (retryAfterSeconds: number) =>
    adminError('AUTH_RATE_LIMITED', 'too many wrong API keys from this address; retry later', {
      retryAfterSeconds,
    }),
  /** A tenant's key acting for another tenant, or creating an operator key. */
  outsideTenant: (field: string) =>
    appError('FORBIDDEN', 'this API key may act only for its own tenant', { field }),
  noRoute: (method: string, path: string) => appError('NOT_FOUND', `no route ${method} ${path}`),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    adminError('METHOD_NOT_ALLOWED', `${path} does not take ${method}; it takes ${allowed.join(', ')}`, {
      field: 'method',
      details: { allowed },
    }),
  apiKeyNotFound: (id: string) => appError('NOT_FOUND', `no API key ${id}`, { field: 'params.id' }),
  connectionNotFound: (id: string) => appError('NOT_FOUND', `no connection ${id}`, { field: 'params.id' }),
  journeyNotFound: (connectionId: string, externalOrderId: string) =>
    appError('NOT_FOUND', `no journey for order ${externalOrderId} on connection ${connectionId}`, {
      field: 'params.externalOrderId',
    }),
  notPolled: (id: string) =>
    appError('NOT_FOUND', `connection ${id} is not polled: its source has no poller or polling is off`, {
      field: 'params.id',
    }),
  /** `part` says which schema refused; every issue is listed, the first names `field`. */
  invalidConnectorInput: (part: 'settings' | 'credentials', displayName: string, issues: FieldIssue[]) =>
    adminError(
      part === 'settings' ? 'INVALID_SETTINGS' : 'INVALID_CREDENTIALS',
      `invalid ${displayName} ${part}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      { field: issues[0]?.field ?? 'body', details: { issues } },
    ),
  unknownSystem: (field: string, system: string) =>
    adminError('UNKNOWN_SYSTEM', `Koppel has no connector for ${system}`, { field }),
  cursorResetRefused: (field: string, reason: string) =>
    adminError('CURSOR_RESET_REFUSED', `the source cannot start from there: ${reason}`, { field }),
  invalidPageCursor: () =>
    appError('VALIDATION_FAILED', 'the cursor is not one this API handed out; start again without it', {
      field: 'query.cursor',
    }),
  invalidPeriod: (field: string, message: string) => appError('VALIDATION_FAILED', message, { field }),
  deadLetterNotFound: (connectionId: string, id: string) =>
    appError('NOT_FOUND', `no dead letter ${id} on connection ${connectionId}`, {
      field: 'params.deadLetterId',
    }),
  replayNeedsConfirmation: (message: string, details: Record<string, unknown>) =>
    adminError('REPLAY_NEEDS_CONFIRMATION', message, { field: 'body.confirmedNotInTarget', details }),
  deadLetterPurged: (id: string) =>
    appError(
      'CONFLICT',
      `dead letter ${id} was emptied by the retention purge: nothing is left to replay; send the order again from the shop`,
      { field: 'params.deadLetterId' },
    ),
  replayUnavailable: () =>
    adminError(
      'REPLAY_UNAVAILABLE',
      'this admin API has no message bus: set KAFKA_BROKERS to replay dead letters',
    ),
};
