import { createHash } from 'node:crypto';
import { normalizeEmail } from '@koppel/order-model';

/** Who an erasure is about: the e-mail as customers are keyed, and the hash the audit log keeps. */
export type ErasureSubject = { normalizedEmail: string; subjectHash: string };

/**
 * The e-mail normalised as the customer registry keys customers (@koppel/order-model), and a
 * sha256 of tenant and e-mail: the audit log can show that the same subject was erased twice
 * without ever holding the address.
 */
export function toErasureSubject(tenantId: string, email: string): ErasureSubject {
  const normalizedEmail = normalizeEmail(email);
  const subjectHash = createHash('sha256').update(`${tenantId}\n${normalizedEmail}`, 'utf8').digest('hex');
  return { normalizedEmail, subjectHash };
}
