/**
 * Shoprenter's documented error statuses and inner codes
 * (sr-api-docs `development/api/02_status_codes.md`, summarised in README.md).
 * The body shape around them is not documented; see `domain/assumptions.ts` (errorBodyShape).
 */
export const shoprenterErrorCatalogue = {
  DATA_PARAMETER_MISSING: { httpStatus: 400, innerCode: 40001 },
  FIELDS_READONLY: { httpStatus: 400, innerCode: 40002 },
  FIELDS_REQUIRED: { httpStatus: 400, innerCode: 40003 },
  QUERY_PARAMETERS_REQUIRED: { httpStatus: 400, innerCode: 40004 },
  WRONG_DATA: { httpStatus: 400, innerCode: 40005 },
  WRONG_RESOURCE_IDENTITY_IN_DATA: { httpStatus: 400, innerCode: 40006 },
  WRONG_RESOURCE_ID: { httpStatus: 400, innerCode: 40007 },
  PAGE_NOT_FOUND: { httpStatus: 400, innerCode: 40008 },
  INVALID_DATETIME_PARAMETER: { httpStatus: 400, innerCode: 40009 },
  PARAMETER_NOT_AVAILABLE: { httpStatus: 400, innerCode: 40010 },
  RESOURCE_IDENTITY_MISSING: { httpStatus: 400, innerCode: 40011 },
  INVALID_DATE_PARAMETER: { httpStatus: 400, innerCode: 40017 },
  NO_PERMISSION: { httpStatus: 401, innerCode: 40101 },
  UNAUTHENTICATED: { httpStatus: 401, innerCode: undefined },
  FORBIDDEN: { httpStatus: 403, innerCode: undefined },
  PRODUCT_SKU_NOT_FOUND: { httpStatus: 404, innerCode: 40033 },
  RESOURCE_NOT_FOUND: { httpStatus: 404, innerCode: 40401 },
  METHOD_NOT_ALLOWED: { httpStatus: 405, innerCode: undefined },
  RESOURCE_EXISTS: { httpStatus: 409, innerCode: 40901 },
  TOO_MANY_REQUESTS: { httpStatus: 429, innerCode: undefined },
  INTERNAL: { httpStatus: 500, innerCode: undefined },
} as const satisfies Record<string, { httpStatus: number; innerCode: number | undefined }>;

export type ShoprenterErrorCode = keyof typeof shoprenterErrorCatalogue;

export class ShoprenterError extends Error {
  readonly code: ShoprenterErrorCode;
  readonly httpStatus: number;
  readonly innerCode: number | undefined;

  constructor(code: ShoprenterErrorCode, message: string) {
    super(message);
    this.name = 'ShoprenterError';
    this.code = code;
    this.httpStatus = shoprenterErrorCatalogue[code].httpStatus;
    this.innerCode = shoprenterErrorCatalogue[code].innerCode;
  }
}

export function isShoprenterError(value: unknown): value is ShoprenterError {
  return value instanceof ShoprenterError;
}

/** The body every API error answers with (JSON object, or the same tree under `<response>` in XML). */
export type ErrorBody = { error?: number; message: string };

export function toErrorBody(error: ShoprenterError): ErrorBody {
  return error.innerCode === undefined
    ? { message: error.message }
    : { error: error.innerCode, message: error.message };
}

/** Generic text for a bare status (injected faults, rate limit), following the HTTP reason phrases. */
export function statusMessage(status: number): string {
  const known: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return known[status] ?? `HTTP ${status}`;
}
