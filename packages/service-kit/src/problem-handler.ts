import { AppError, appError, PROBLEM_CONTENT_TYPE, toAppError, toProblemDetails } from '@koppel/errors';
import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * Every error answer is application/problem+json naming the field at fault: AppErrors as
 * they are, fastify's schema validation and body parsing errors mapped to our codes.
 */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appErr = fromFastifyError(error);
    if (appErr.httpStatus >= 500) request.log.error({ err: error }, appErr.message);
    else request.log.info({ code: appErr.code, field: appErr.field }, `rejected: ${appErr.message}`);
    if (appErr.retryAfterSeconds !== undefined) reply.header('retry-after', String(appErr.retryAfterSeconds));
    void reply
      .code(appErr.httpStatus)
      .type(PROBLEM_CONTENT_TYPE)
      .send(toProblemDetails(appErr, request.url.split('?')[0]));
  });
  app.setNotFoundHandler((request, reply) => {
    const err = appError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
    void reply.code(404).type(PROBLEM_CONTENT_TYPE).send(toProblemDetails(err));
  });
}

function fromFastifyError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0];
    const field = [error.validationContext, first?.instancePath?.replace(/^\//, '').replaceAll('/', '.')]
      .filter(Boolean)
      .join('.');
    return appError('VALIDATION_FAILED', error.message, { field });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return appError('UNSUPPORTED_MEDIA_TYPE', error.message, { field: 'headers.content-type' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return appError('PAYLOAD_TOO_LARGE', error.message, { field: 'body' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return appError('MALFORMED_BODY', error.message, { field: 'body' });
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && error.message.includes('JSON'))) {
    return appError('MALFORMED_BODY', `body is not valid JSON: ${error.message}`, { field: 'body' });
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return appError('VALIDATION_FAILED', error.message, { httpStatus: error.statusCode });
  }
  return toAppError(error);
}
