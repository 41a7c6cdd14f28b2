import type { AppError } from './app-error.js';

/** RFC 9457 problem details, as every Koppel HTTP error is answered. */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  instance?: string;
  /** Seconds to wait before retrying, as in the Retry-After header. */
  retryAfter?: number;
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function toProblemDetails(error: AppError, instance?: string): ProblemDetails {
  return {
    type: `https://koppel.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.code,
    status: error.httpStatus,
    detail: error.message,
    code: error.code,
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(instance !== undefined ? { instance } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfter: error.retryAfterSeconds } : {}),
    ...(error.details !== undefined ? { details: error.details } : {}),
  };
}
