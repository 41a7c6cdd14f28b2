/**
 * Text a shop can send that no book should receive: control characters (a NUL, which Postgres
 * text cannot even store; the C0 controls XML 1.0 forbids, so a SOAP or XML target would refuse
 * the whole document) and half of a UTF-16 surrogate pair (no character at all). Tab, line feed
 * and carriage return stay: addresses and notes use them.
 */
import type { CanonicalOrder } from '@koppel/contracts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without control characters, each half of a surrogate pair as U+FFFD. */
export function cleanText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Cleans every text field of a decoded order in place (names, addresses, lines, notes) and
 * returns it. Run after the connector's decode, whose validation has already refused an e-mail
 * or an id holding such characters: what is cleaned here is text a person reads.
 */
export function cleanOrderText(order: CanonicalOrder): CanonicalOrder {
  cleanStrings(order);
  return order;
}

function cleanStrings(node: object): void {
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (typeof value === 'string') {
      if (key !== '$typeName') record[key] = cleanText(value);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string') value[index] = cleanText(item);
        else if (isMessagePart(item)) cleanStrings(item);
      });
    } else if (isMessagePart(value)) {
      cleanStrings(value);
    }
  }
}

/** A nested message, oneof or map: an object that is not bytes. */
function isMessagePart(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}
