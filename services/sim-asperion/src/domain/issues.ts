import type { MessageKey, MessageParams } from './messages.js';

/** A validation problem on one field; the API renders it into ProblemDetails `errors`. */
export type Issue = { field: string; key: MessageKey; params?: MessageParams };

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(issues: Issue[]): Result<T> => ({ ok: false, issues });
