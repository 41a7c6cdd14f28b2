/**
 * AccountView's error body `{ ErrorType, ErrorNumbers, ErrorMessage }` (notes §2.2, AV-GO struct,
 * AV-PHP checks ErrorMessage). Every failure the data API answers goes through this class.
 */
export class AccountViewError extends Error {
  override readonly name = 'AccountViewError';
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly errorNumbers: number[] | null = null,
  ) {
    super(message);
  }
}

export type AccountViewErrorBody = { ErrorType: string; ErrorNumbers: number[] | null; ErrorMessage: string };

export function toErrorBody(message: string, errorNumbers: number[] | null = null): AccountViewErrorBody {
  return { ErrorType: 'AccountViewError', ErrorNumbers: errorNumbers, ErrorMessage: message };
}

export const invalid = (message: string) => new AccountViewError(400, message);
export const notFound = (message: string) => new AccountViewError(404, message);
export const unauthorized = (message: string) => new AccountViewError(401, message);
export const forbidden = (message: string) => new AccountViewError(403, message);
