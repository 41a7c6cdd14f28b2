import { randomBytes } from 'node:crypto';

/** A short id safe in topic names, consumer groups and Postgres identifiers: lower-case a-z0-9. */
export function uniqueRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
