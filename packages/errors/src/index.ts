/** Koppel's one error model: `AppError { code, httpStatus, retryable }` and problem+json. */
export { AppError, type AppErrorOptions, isAppError, toAppError } from './app-error.js';
export { appError, type ErrorCode, errorCatalogue } from './error-codes.js';
export { PROBLEM_CONTENT_TYPE, type ProblemDetails, toProblemDetails } from './problem-details.js';
