/**
 * Opaque paging cursors: the id of the last item of a page (lists are newest first by a
 * database sequence, so a page never shifts when new orders arrive), base64url-wrapped so
 * callers treat it as a token. `undefined` from `decodePageCursor` means "not one of ours".
 */
const PREFIX = 'k1.';

export function encodePageCursor(lastId: string): string {
  return Buffer.from(`${PREFIX}${lastId}`, 'utf8').toString('base64url');
}

export function decodePageCursor(cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) return undefined;
  const id = text.slice(PREFIX.length);
  return /^[1-9][0-9]{0,17}$/.test(id) ? id : undefined;
}

/** The cursor of the next page: present only when the page came back full. */
export function nextPageCursor(items: readonly { id: string }[], limit: number): string | null {
  const last = items[items.length - 1];
  return items.length === limit && last ? encodePageCursor(last.id) : null;
}
