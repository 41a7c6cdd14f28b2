/**
 * A `fetch` over undici's `request` API on a keep-alive pool (host-pool.ts), for the calls a
 * runner makes to targets and shops. Node's own fetch costs more than twice the CPU per call
 * (WHATWG streams for every body; `npm run bench:fetch`), and a connector makes several calls
 * per order. The answer is still a standard `Response` (status, headers, the
 * whole body), and failures look like fetch's: `TypeError('fetch failed')` with the socket error
 * as `cause`, and an aborted signal's own reason (`TimeoutError` of AbortSignal.timeout), so the
 * clients' error handling (fetch-failure.ts) reads them the same way.
 *
 * What fetch does that this does not do itself is handed to fetch: a body other than a string,
 * bytes or URLSearchParams, and a redirect to follow (the request is sent again through fetch).
 * A compressed answer (gzip, deflate, br) is decompressed, as fetch would.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { FetchLike } from '../connection-context.js';
import { sharedHostPool } from './host-pool.js';

type RequestInitWithDispatcher = RequestInit & { dispatcher?: Dispatcher };

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createPooledFetch(fallback: FetchLike = (input, init) => fetch(input, init)): FetchLike {
  return async (input, init: RequestInitWithDispatcher = {}) => {
    const body = requestBody(init.body);
    if (body === UNSUPPORTED) return fallback(input, init);
    const url = new URL(String(input));
    const dispatcher = init.dispatcher ?? sharedHostPool();
    const headers = requestHeaders(init.headers, body.contentType);
    const signal = init.signal ?? undefined;
    try {
      const answer = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
        headers,
        body: body.payload,
        ...(signal ? { signal } : {}),
      });
      const location = answer.headers.location;
      if (REDIRECT_STATUSES.has(answer.statusCode) && location !== undefined && init.redirect !== 'manual') {
        await answer.body.dump();
        return fallback(input, init);
      }
      const bytes = Buffer.from(await answer.body.arrayBuffer());
      return new Response(NULL_BODY_STATUSES.has(answer.statusCode) ? null : decoded(bytes, answer.headers), {
        status: answer.statusCode,
        headers: responseHeaders(answer.headers),
      });
    } catch (error) {
      if (signal?.aborted)
        throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
      throw new TypeError('fetch failed', { cause: error });
    }
  };
}

/** The process's pooled fetch (fallback: Node's fetch). */
export const pooledFetch: FetchLike = createPooledFetch();

const UNSUPPORTED = Symbol('unsupported body');

function requestBody(
  body: RequestInit['body'],
): { payload: string | Uint8Array | undefined; contentType: string | undefined } | typeof UNSUPPORTED {
  if (body === undefined || body === null) return { payload: undefined, contentType: undefined };
  if (typeof body === 'string') return { payload: body, contentType: 'text/plain;charset=UTF-8' };
  if (body instanceof URLSearchParams) {
    return { payload: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof Uint8Array) return { payload: body, contentType: undefined };
  if (body instanceof ArrayBuffer) return { payload: new Uint8Array(body), contentType: undefined };
  return UNSUPPORTED;
}

/** The caller's headers plus what fetch adds when they are missing. */
function requestHeaders(
  init: RequestInit['headers'],
  contentType: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    headers[name] = value;
  });
  if (contentType !== undefined && headers['content-type'] === undefined)
    headers['content-type'] = contentType;
  headers.accept ??= '*/*';
  headers['user-agent'] ??= 'node';
  return headers;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

function decoded(bytes: Buffer, headers: Record<string, string | string[] | undefined>): Buffer {
  const encoding = String(headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (bytes.length === 0 || encoding === '' || encoding === 'identity') return bytes;
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(bytes);
  if (encoding === 'deflate') return inflateSync(bytes);
  if (encoding === 'br') return brotliDecompressSync(bytes);
  return bytes;
}
