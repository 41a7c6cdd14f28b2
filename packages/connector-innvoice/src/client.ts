/**
 * HTTP client of the InnVoice XML API (`https://api.innvoice.hu/{company}/…`, README "Vendor
 * facts"): HTTP Basic, XML in (fast-xml-parser's builder, every value in CDATA as the reference
 * client sends it) and out, errors as `<response><error>CODE</error><message>…</message>`. It does
 * not retry (the delivery pipeline does, from `retryable`). Its `fetch` is the session's target
 * fetch: a token of the connection's rate limiter first, keep-alive connections, an HTTP 429
 * pausing every replica; a throttle told in the body (`<error>429</error>`) pauses through `pause`.
 */
import {
  classifyStatus,
  DEFAULT_RETRY_AFTER_SECONDS,
  describeFetchFailure,
  type FetchLike,
  parseRetryAfter,
} from '@koppel/connector-sdk';
import { type AppError, appError, isAppError } from '@koppel/errors';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export type InnvoiceClientOptions = {
  apiBaseUrl: string;
  company: string;
  username: string;
  password: string;
  /** Paced and pooled (`createTargetFetch`). */
  fetch: FetchLike;
  timeoutMs: number;
  /** Pauses the connection's rate limiter (every replica) for a throttle told in a 2xx body. */
  pause?: (seconds: number) => Promise<void>;
};

/** A parsed XML answer: elements as objects, repeated ones as arrays, text as strings. */
export type XmlObject = Record<string, unknown>;

export type InnvoiceClient = {
  get(path: string, what: string, query?: Record<string, string>): Promise<XmlObject>;
  /** POSTs `<root><item>record</item></root>`. */
  post(
    path: string,
    root: string,
    item: string,
    record: Readonly<Record<string, string>>,
    what: string,
  ): Promise<XmlObject>;
};

/** How a failed call ended: the write may have happened (`unknown`) or surely did not. */
export type CallOutcome = 'unknown' | 'not-sent' | 'answered';

const builder = new XMLBuilder({ cdataPropName: '__cdata', suppressEmptyNode: false });
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
});

export function toXml(root: string, item: string, record: Readonly<Record<string, string>>): string {
  const fields = Object.fromEntries(Object.entries(record).map(([key, value]) => [key, { __cdata: value }]));
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: { [item]: fields } })}`;
}

export function parseXml(text: string): XmlObject {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = parser.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as XmlObject) : {};
  } catch {
    return {};
  }
}

export function createInnvoiceClient(options: InnvoiceClientOptions): InnvoiceClient {
  const base = `${options.apiBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.company)}`;
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;

  async function send(method: 'GET' | 'POST', url: string, body: string | undefined, what: string) {
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(url, {
        method,
        headers: {
          authorization,
          accept: 'text/xml',
          ...(body !== undefined ? { 'content-type': 'text/xml; charset=utf-8' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw transportError(error, what, options.timeoutMs);
    }
    const xml = parseXml(text);
    const failure = answerError(response, xml, what, options.company);
    // An HTTP 429 paused the limiter already (target fetch); a throttle in the body did not.
    if (failure?.code === 'TARGET_RATE_LIMITED' && response.status !== 429 && options.pause) {
      await options.pause(failure.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS).catch(() => {});
    }
    if (failure) throw failure;
    return xml;
  }

  return {
    get(path, what, query) {
      const search = query ? `?${new URLSearchParams(query)}` : '';
      return send('GET', `${base}${path}${search}`, undefined, what);
    },
    post(path, root, item, record, what) {
      return send('POST', `${base}${path}`, toXml(root, item, record), what);
    },
  };
}

/** The outcome a client error carries (`details.outcome`), `answered` when not set. */
export function outcomeOf(error: AppError): CallOutcome {
  const outcome = error.details?.outcome;
  return outcome === 'unknown' || outcome === 'not-sent' ? outcome : 'answered';
}

function transportError(error: unknown, what: string, timeoutMs: number): AppError {
  // The rate limiter's refusal (target fetch) is already an AppError, marked `not-sent`.
  if (isAppError(error)) return error;
  const failure = describeFetchFailure(error, timeoutMs);
  // Refused or unresolved: the request never reached InnVoice. Anything else may have.
  return appError('TARGET_UNAVAILABLE', `InnVoice ${what} ${failure.reason}`, {
    cause: error,
    details: { outcome: failure.notSent ? 'not-sent' : 'unknown' },
  });
}

/** The field an InnVoice message names (`Hiányzó kötelező mező: VevoNev`, `a(z) X mezőben`). */
function fieldOf(message: string): string | undefined {
  return /mező: ([A-Za-z]+\d*)/.exec(message)?.[1] ?? /a\(z\) ([A-Za-z]+\d*) mezőben/.exec(message)?.[1];
}

function answerError(
  response: Response,
  xml: XmlObject,
  what: string,
  company: string,
): AppError | undefined {
  const envelope = xml.response as XmlObject | undefined;
  const code = typeof envelope?.error === 'string' ? envelope.error : undefined;
  const message = typeof envelope?.message === 'string' ? envelope.message : '';
  if (code === undefined && response.ok) return undefined;
  const status = response.status;
  const details = { status, ...(code ? { innvoiceCode: code } : {}), outcome: 'answered' };
  const kind = classifyStatus(status);
  if (kind === 'rate-limited' || code === '429') {
    const retryAfterSeconds =
      parseRetryAfter(response.headers.get('retry-after')) ?? DEFAULT_RETRY_AFTER_SECONDS;
    return appError('TARGET_RATE_LIMITED', `InnVoice throttled ${what}; retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      details,
    });
  }
  if (status === 401 || code === '401') {
    return appError('TARGET_AUTH_FAILED', `InnVoice refused the API user and password for ${what}`, {
      field: 'target.credentials.password',
      details,
    });
  }
  if (kind === 'unavailable') {
    return appError('TARGET_UNAVAILABLE', `InnVoice ${what} failed with HTTP ${status}`, { details });
  }
  if (status === 404 && /cég|company|fiók/i.test(message)) {
    return appError('TARGET_REJECTED', `InnVoice has no account "${company}" (${what}): ${message}`, {
      field: 'target.settings.company',
      details,
    });
  }
  const field = fieldOf(message);
  return appError('TARGET_REJECTED', `InnVoice rejected ${what} (${code ?? status}): ${message}`, {
    ...(field ? { field } : {}),
    details: { ...details, message },
  });
}
