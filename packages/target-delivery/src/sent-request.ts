import type { PreparedDocument, TargetDebtor } from '@koppel/connector-sdk';

/** Largest request body kept for the operator's order detail, in characters of JSON. */
export const SENT_REQUEST_MAX_CHARS = 64 * 1024;

/** Keys whose values are secrets whatever the connector (a body never needs them, but never keep one). */
const SECRET_KEY = /pass(word|wd)?|secret|token|api[-_]?key|authori[sz]ation|credential|cookie|signature/i;

function redact(value: unknown): unknown {
  // Connectors keep exact amounts as bigints (Mplus cents, AccountView minor units); JSON has none.
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? '[removed]' : redact(inner)]),
    );
  }
  return value;
}

/**
 * What Koppel sends to create an order's document, as the ledger keeps it for the operator: the
 * document number, the debtor it is booked against and the connector's request body (the part
 * built from the order and the non-secret settings; the client adds authentication), with any
 * secret-looking key removed and cut to `SENT_REQUEST_MAX_CHARS`.
 */
export function toSentRequest<Body>(
  prepared: PreparedDocument<Body>,
  debtor: TargetDebtor,
): Record<string, unknown> {
  let body: unknown;
  let json: string;
  try {
    body = redact(prepared.body);
    json = JSON.stringify(body) ?? 'null';
  } catch (error) {
    // Keeping the request for the operator must never stop the delivery itself.
    const reason = error instanceof Error ? error.message : String(error);
    return { documentNumber: prepared.number, debtorId: debtor.targetId, body: { unavailable: reason } };
  }
  const bounded =
    json.length <= SENT_REQUEST_MAX_CHARS
      ? body
      : { truncated: true, originalChars: json.length, preview: json.slice(0, SENT_REQUEST_MAX_CHARS) };
  return { documentNumber: prepared.number, debtorId: debtor.targetId, body: bounded };
}
