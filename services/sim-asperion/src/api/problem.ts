import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Issue } from '../domain/issues.js';
import { type Language, translate } from '../domain/messages.js';

/**
 * ASP.NET Core ProblemDetails (notes §1.3): `{type,title,status,detail,traceId,errors}` with
 * content type `application/json` - not `application/problem+json`, because the reference client
 * (ASP-GO) rejects any other content type. House style prefers problem+json; fidelity wins here.
 */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  traceId: string;
  errors?: Record<string, string[]>;
};

const RFC = 'https://tools.ietf.org/html/rfc9110#section-';
const STATUS: Record<number, { type: string; title: string }> = {
  400: { type: `${RFC}15.5.1`, title: 'Bad Request' },
  401: { type: `${RFC}15.5.2`, title: 'Unauthorized' },
  403: { type: `${RFC}15.5.4`, title: 'Forbidden' },
  404: { type: `${RFC}15.5.5`, title: 'Not Found' },
  405: { type: `${RFC}15.5.6`, title: 'Method Not Allowed' },
  409: { type: `${RFC}15.5.10`, title: 'Conflict' },
  415: { type: `${RFC}15.5.16`, title: 'Unsupported Media Type' },
  429: { type: 'https://tools.ietf.org/html/rfc6585#section-4', title: 'Too Many Requests' },
  500: { type: `${RFC}15.6.1`, title: 'An error occurred while processing your request.' },
  502: { type: `${RFC}15.6.3`, title: 'Bad Gateway' },
  503: { type: `${RFC}15.6.4`, title: 'Service Unavailable' },
  504: { type: `${RFC}15.6.5`, title: 'Gateway Timeout' },
};

export const newTraceId = () => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;

export function problem(
  status: number,
  detail?: string,
  errors?: Record<string, string[]>,
  title?: string,
): ProblemDetails {
  const known = STATUS[status] ?? { type: `${RFC}15`, title: 'Error' };
  return {
    type: known.type,
    title: title ?? known.title,
    status,
    ...(detail !== undefined ? { detail } : {}),
    traceId: newTraceId(),
    ...(errors !== undefined ? { errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail?: string,
  errors?: Record<string, string[]>,
  title?: string,
) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(problem(status, detail, errors, title));
}

export function issuesToErrors(issues: Issue[], language: Language): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const list = errors[issue.field] ?? [];
    list.push(translate(issue.key, language, issue.params));
    errors[issue.field] = list;
  }
  return errors;
}

export function sendValidationProblem(reply: FastifyReply, issues: Issue[], language: Language) {
  return sendProblem(
    reply,
    400,
    undefined,
    issuesToErrors(issues, language),
    translate('validationTitle', language),
  );
}
