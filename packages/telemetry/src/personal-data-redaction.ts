import { REDACTED } from './redact-url.js';

/**
 * Personal data never reaches a log line (GDPR; see the root README, "Retention and erasure").
 * Two layers, both applied by every service's logger (@koppel/service-kit buildServiceApp):
 *
 * - `PERSONAL_DATA_LOG_PATHS`: pino `redact` paths for the keys that carry payloads or customer
 *   fields, should anyone log such an object (censored, not removed, so the line shows it was).
 * - `maskLogArguments`: a pino `logMethod` hook masking every e-mail address in the message and
 *   in the string values of the logged facts: error messages quote what a target refused or what
 *   a validation found ("x@y is not an e-mail"), and a message is free text.
 */
export const PERSONAL_DATA_LOG_PATHS: readonly string[] = Object.freeze(
  [
    'email',
    'customer',
    'customerEmail',
    'payload',
    'sourcePayload',
    'body',
    'order',
    'detail',
    'firstName',
    'lastName',
    'phone',
    'address',
  ].flatMap((key) => [key, `*.${key}`]),
);

const EMAIL = /[^\s"'<>@(),;:/]+@[^\s"'<>@(),;:/]+/g;

/** The text with every e-mail address (anything@anything) replaced by `[REDACTED]`. */
export function maskEmails(text: string): string {
  return text.includes('@') ? text.replace(EMAIL, REDACTED) : text;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Strings masked in plain objects, arrays and errors (not in class instances: a request, a socket). */
function masked(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (depth > 6) return value;
  if (value instanceof Error) {
    // A copy (the caller's error is not changed) that pino still serializes as an error.
    const copy = new Error(maskEmails(value.message));
    copy.name = value.name;
    copy.stack = maskEmails(value.stack ?? '');
    for (const [key, item] of Object.entries(value)) Object.assign(copy, { [key]: masked(item, depth + 1) });
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(item, depth + 1)]));
  }
  return value;
}

type LogMethod = (this: unknown, ...args: unknown[]) => void;

/** A pino `hooks.logMethod`: the call's arguments with every e-mail address masked. */
export function maskLogArguments(this: unknown, args: unknown[], method: LogMethod): void {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const text = rest.length > 0 ? rest : [maskEmails(first.message)];
    method.apply(this, [{ err: masked(first, 0) }, ...text.map((item) => masked(item, 0))]);
    return;
  }
  method.apply(
    this,
    args.map((item) => masked(item, 0)),
  );
}
