/**
 * A digest that tells whether data changed since it was last sent to a system: sha256 over JSON
 * with sorted keys (safe-stable-stringify), so it does not depend on the order fields were listed
 * in; undefined fields are left out and dates are written as ISO strings, as JSON.stringify does.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

export function contentDigest(value: unknown): string {
  return createHash('sha256')
    .update(stringify(value) ?? '')
    .digest('hex');
}
