import { type AppError, appError } from '@koppel/errors';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { VALIDATION_STATUS } from './domain/assumptions.js';

/**
 * The two error bodies of the MyOnlineStore spec (notes 2.5): `Error {code, message,
 * description}` and the RFC 7807 `ApiProblem {type, title, detail, status}` used for 422.
 */
export type ApiErrorBody = { code: number; message: string; description: string };
export type ApiProblemBody = { type: string; title: string; detail: string; status: number };

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function reasonOf(status: number): string {
  return REASONS[status] ?? 'Error';
}

export function apiErrorBody(status: number, description: string): ApiErrorBody {
  return { code: status, message: reasonOf(status), description };
}

export function apiProblemBody(status: number, detail: string): ApiProblemBody {
  return { type: 'https://tools.ietf.org/html/rfc2616#section-10', title: reasonOf(status), detail, status };
}

/** Sends an error the way the API renders it: ApiProblem for 422, Error otherwise. */
export function sendApiError(reply: FastifyReply, status: number, description: string): FastifyReply {
  if (status === VALIDATION_STATUS) {
    return reply.code(status).type('application/problem+json').send(apiProblemBody(status, description));
  }
  return reply.code(status).type('application/json').send(apiErrorBody(status, description));
}

/** The sim-kit fault renderer: the same bodies as real errors. */
export function renderFault(status: number, reply: FastifyReply): unknown {
  if (status === VALIDATION_STATUS) {
    reply.type('application/problem+json');
    return apiProblemBody(status, 'Injected fault');
  }
  reply.type('application/json');
  return apiErrorBody(status, 'Injected fault');
}

/** A zod failure as a 422 AppError naming the first field at fault. */
export function invalidInput(error: z.ZodError, where: 'query' | 'body'): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : where;
  return appError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, {
    httpStatus: VALIDATION_STATUS,
    field,
  });
}

export const notFound = (what: string): AppError => appError('NOT_FOUND', `${what} not found`);
