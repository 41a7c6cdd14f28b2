import { AppError } from '@koppel/errors';

/** Ingest's own error codes; each rejection is logged with its code. */
export const ingestErrors = {
  unknownConnection: (id: string) =>
    new AppError('UNKNOWN_CONNECTION', `no active connection ${id} for this source`, {
      httpStatus: 404,
      field: 'path.connectionId',
    }),
  wrongSecret: () =>
    new AppError('WEBHOOK_SECRET_INVALID', 'the webhook URL secret does not match this connection', {
      httpStatus: 401,
      field: 'path.secret',
    }),
  ipNotAllowed: (ip: string) =>
    new AppError('WEBHOOK_IP_NOT_ALLOWED', `source address ${ip} is not in the connection's allowlist`, {
      httpStatus: 403,
    }),
  badSignature: (reason: string) =>
    new AppError('WEBHOOK_SIGNATURE_INVALID', `webhook signature rejected: ${reason}`, {
      httpStatus: 401,
      field: 'headers.webhook-signature',
    }),
  unsupportedMediaType: (type: string, accepted: readonly string[]) =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', `content type "${type}" is not one of ${accepted.join(', ')}`, {
      httpStatus: 415,
      field: 'headers.content-type',
    }),
  tooManyAuthFailures: (retryAfterSeconds: number) =>
    new AppError(
      'AUTH_RATE_LIMITED',
      'too many failed authentications from this address or for this connection; retry later',
      { httpStatus: 429, retryable: true, retryAfterSeconds },
    ),
  publishFailed: (cause: unknown) =>
    new AppError('BUS_UNAVAILABLE', 'the order could not be handed to the pipeline; retry later', {
      httpStatus: 503,
      retryable: true,
      retryAfterSeconds: 5,
      cause,
    }),
};
