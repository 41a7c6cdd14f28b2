/**
 * The reverse-charge legal text on an AccountView document (README "VAT"). A journal page (DJ2)
 * carries it in `DJ_PAGE.COMMENT1`, the page's note ("Notitie" in AV-GO `DjPage`; AV-PAS
 * `CreateInvoice` writes `COMMENT1` on every page). A sales order's `COMMENT1` is its look-up
 * key (the webshop order number, AV-PHP), so a sales order carries the text as text lines: lines
 * on the connection's `textArticleCode` with quantity 1, price 0 and the text as `ART_DESC1`,
 * as AV-PHP books shipping on a configured article. `ART_DESC1` holds 50 characters, so a longer
 * text becomes several lines, split between words.
 */
import type { DraftLine } from './map-document.js';

export const TEXT_LINE_LENGTH = 50;

/** Text-only sales-order lines stating `note`; they add nothing to the document's amounts. */
export function legalTextLines(note: string, articleCode: string, vatCode: string): DraftLine[] {
  return splitText(note, TEXT_LINE_LENGTH).map((description) => ({
    kind: 'text',
    description,
    articleCode,
    accountNumber: undefined,
    quantity: 1,
    unitPrice4: 0n,
    net: 0n,
    vatRateBp: 0,
    vatCode,
    vat: 0n,
  }));
}

/** `text` in pieces of at most `width` characters, broken between words where it can be. */
export function splitText(text: string, width: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/)) {
    for (let rest = word; rest !== ''; ) {
      const joined = current === '' ? rest : `${current} ${rest}`;
      if (joined.length <= width) {
        current = joined;
        rest = '';
      } else if (current !== '') {
        pieces.push(current);
        current = '';
      } else {
        pieces.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}
