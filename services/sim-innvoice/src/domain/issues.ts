import type { ErrorCodeName } from './assumptions.js';

/** One problem with a request; rendered into `<error>` (code) and `<message>` (Hungarian text). */
export type Issue = { code: ErrorCodeName; field: string; message: string };

export const missing = (field: string): Issue => ({
  code: 'missingField',
  field,
  message: `Hiányzó kötelező mező: ${field}`,
});
export const invalid = (field: string, why: string): Issue => ({
  code: 'invalidField',
  field,
  message: `Hibás érték a(z) ${field} mezőben: ${why}`,
});
