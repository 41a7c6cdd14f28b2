import type { CanonicalOrder } from '@koppel/contracts';
import type { AnyTargetConnector, SessionServices } from '@koppel/connector-sdk';
import { parseConnectionSide } from '@koppel/connector-registry';
import type { Connection } from '@koppel/db';
import { AppError, appError } from '@koppel/errors';

/** A dry run's session services: every I/O refuses, so preparing a document can reach nothing. */
export const refusingSessionServices: SessionServices = Object.freeze({
  saveCredentials: async () => {
    throw appError('FORBIDDEN', 'a dry run stores no credentials');
  },
  withCredentialsLock: async () => {
    throw appError('FORBIDDEN', 'a dry run takes no credentials lock');
  },
  fetch: async (input: string | URL) => {
    throw appError('FORBIDDEN', `a dry run makes no network call (refused ${String(input)})`);
  },
  now: () => Date.now(),
  requestTimeoutMs: 1,
});

export type TargetRequest = { targetSystem: string; documentNumber: string; body: unknown };

export type PreparedRequest =
  | { ok: true; request: TargetRequest }
  | { ok: false; reason: string; field: string | undefined };

/** JSON of a request body: bigints as decimal text, so it can be shown and compared. */
function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

function secretsOf(credentials: Record<string, unknown>): string[] {
  return Object.values(credentials).filter((v): v is string => typeof v === 'string' && v.length >= 4);
}

/** Replaces every credential value found in the body's text by `[redacted]`. */
function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), value);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, secrets)]));
  }
  return value;
}

/**
 * The request the target connector would send for this order: its pure `prepareDocument` with a
 * session opened on refusing services (no fetch, no credential write). Credential values are
 * removed from the answer even should a connector put one in a body.
 */
export function prepareTargetRequest(
  target: AnyTargetConnector,
  connection: Connection,
  credentials: Record<string, unknown>,
  order: CanonicalOrder,
): PreparedRequest {
  try {
    const context = parseConnectionSide(target, connection, 'target', connection.settings, credentials);
    const session = target.openSession(context, refusingSessionServices);
    const prepared = target.prepareDocument(order, session);
    const body = redact(toJsonValue(prepared.body), secretsOf(credentials));
    return { ok: true, request: { targetSystem: target.system, documentNumber: prepared.number, body } };
  } catch (error) {
    if (!(error instanceof AppError) || error.retryable) throw error;
    return { ok: false, reason: error.message, field: error.field };
  }
}
