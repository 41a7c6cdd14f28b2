/**
 * Why `fetch` threw: a timeout (AbortSignal.timeout), a refused or reset connection, a DNS
 * failure. Whether the request may have reached the server matters to a target that cannot look
 * up what it booked: a refused or unresolved connection surely sent nothing.
 */
export type FetchFailure = {
  timedOut: boolean;
  /** The system error code (`ECONNREFUSED`, `ECONNRESET`, …), when there is one. */
  code: string | undefined;
  /** For a message: `timed out after 1500 ms`, `failed: ECONNREFUSED`, `failed: <message>`. */
  reason: string;
  /** True when the request never left (connection refused, host not found). */
  notSent: boolean;
};

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function describeFetchFailure(error: unknown, timeoutMs: number): FetchFailure {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const reason = timedOut
    ? `timed out after ${timeoutMs} ms`
    : code !== undefined
      ? `failed: ${code}`
      : cause instanceof Error
        ? `failed: ${cause.message}`
        : 'failed';
  return { timedOut, code, reason, notSent: !timedOut && code !== undefined && NOT_SENT_CODES.has(code) };
}
