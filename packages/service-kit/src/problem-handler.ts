import {
  AppError,
  appError,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  toAppError,
  toProblemDetails,
} from '@koppel/errors';
import { redactUrl, traceLogFields } from '@koppel/telemetry';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Every error answer is application/problem+json naming the field at fault: AppErrors as
 * they are, fastify's schema validation and body parsing errors mapped to our codes, and
 * anything unexpected as a 500 that keeps its text in the log (concealed).
 */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appErr = fromFastifyError(error);
    if (appErr.httpStatus >= 500) request.log.error({ err: error }, appErr.message);
    else request.log.info({ code: appErr.code, field: appErr.field }, `rejected: ${appErr.message}`);
    if (appErr.retryAfterSeconds !== undefined) reply.header('retry-after', String(appErr.retryAfterSeconds));
    const problem = toProblemDetails(appErr, instanceOf(request));
    const unexpected = appErr.httpStatus >= 500 && !(error instanceof AppError);
    void reply
      .code(appErr.httpStatus)
      .type(PROBLEM_CONTENT_TYPE)
      .send(unexpected ? concealed(problem, request) : problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = instanceOf(request);
    const err = appError('NOT_FOUND', `no route ${request.method} ${path}`);
    void reply.code(404).type(PROBLEM_CONTENT_TYPE).send(toProblemDetails(err, path));
  });
}

/**
 * fastify's `frameworkErrors` option: errors its router raises before any route or error handler
 * runs (a path parameter past `maxParamLength`, a malformed `%` escape) answer problem+json 400
 * naming the path, as every other bad input does, instead of fastify's own JSON 414/400.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const path = instanceOf(request);
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? `a path parameter of ${path} is too long`
      : `${path} is not a valid URL path: ${error.message}`;
  const problem = appError('VALIDATION_FAILED', message, { field: 'params' });
  request.log.info({ code: problem.code, field: problem.field }, `rejected: ${problem.message}`);
  void reply.code(400).type(PROBLEM_CONTENT_TYPE).send(toProblemDetails(problem, path));
}

/**
 * An unexpected error's answer without its text: a pg message names tables, constraints and
 * values, a stack overflow or TypeError the code's internals. The request id (and trace id
 * inside a span) lead an operator to the log line that holds the real error. Coded errors,
 * 5xx ones included, keep their message: it was written for the caller.
 */
function concealed(problem: ProblemDetails, request: FastifyRequest): ProblemDetails {
  const traceId = traceLogFields().trace_id;
  const ids = [`requestId ${request.id}`, ...(traceId ? [`traceId ${traceId}`] : [])].join(', ');
  return {
    ...problem,
    detail: `internal error; see the service log (${ids})`,
    requestId: request.id,
    ...(traceId ? { traceId } : {}),
  };
}

/**
 * The problem's `instance`: the path without query, secrets redacted (a webhook URL's secret
 * must not come back in a body that proxies or clients may log). Only code, field and message
 * are logged, never the request body: journeys hold payloads with personal data, logs must not.
 */
function instanceOf(request: FastifyRequest): string {
  return redactUrl(request.url.split('?')[0] ?? '');
}

function fromFastifyError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  const zodIssues = zodIssuesOf(error);
  if (zodIssues) {
    // A handler's own `schema.parse(request.x)` failing is the caller's fault, not a 500.
    const problems = zodIssues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return appError(
      'VALIDATION_FAILED',
      problems.map((p) => `${p.field || '(root)'}: ${p.message}`).join('; '),
      {
        ...(problems[0]?.field ? { field: problems[0].field } : {}),
        details: { problems },
      },
    );
  }
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

type ZodIssueLike = { path: readonly PropertyKey[]; message: string };

/** ZodError by shape, so any zod copy in the dependency tree is recognised (no instanceof). */
function zodIssuesOf(error: unknown): ZodIssueLike[] | undefined {
  if (!(error instanceof Error) || error.name !== 'ZodError') return undefined;
  const issues: unknown = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return undefined;
  return issues.filter(
    (issue): issue is ZodIssueLike =>
      typeof issue === 'object' &&
      issue !== null &&
      Array.isArray(issue.path) &&
      typeof issue.message === 'string',
  );
}
