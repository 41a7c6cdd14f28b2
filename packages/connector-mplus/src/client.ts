/**
 * SOAP client of MplusQapi (README "Vendor facts"): `POST` to the tenant's personal host and port
 * with `ident` and `secret` as query parameters (no token flow), `Content-Type: text/xml` and
 * `SOAPAction: <operation>` as the vendor's client sends them
 * (https://github.com/MplusKASSA/soap-client-php). It does not retry: the delivery pipeline does,
 * from `retryable`. Classification:
 * - transport failure or timeout, HTTP 5xx without a Fault, Fault `Server` → TARGET_UNAVAILABLE (retry);
 * - HTTP 429 → TARGET_RATE_LIMITED with Retry-After;
 * - Fault `Client` naming authentication, HTTP 401/403 → TARGET_AUTH_FAILED (no retry);
 * - any other Fault `Client` → MPLUS_SOAP_FAULT (no retry), the element at fault as `field`;
 * - an answer that does not parse → TARGET_REJECTED.
 * Business errors (`result` enums) are answered normally and judged by the calling step.
 */
import {
  classifyStatus,
  type FetchLike,
  targetTransientStatusError,
  targetTransportError,
} from '@koppel/connector-sdk';
import { type AppError, appError } from '@koppel/errors';
import type { z } from 'zod';
import { mplusError } from './errors.js';
import { buildEnvelope, readEnvelope, type XmlNode } from './soap-envelope.js';

export type MplusClientOptions = {
  apiUrl: string;
  ident: string;
  secret: string;
  fetch: FetchLike;
  /** Timeout of one call including its body (ms). */
  timeoutMs: number;
};

export type MplusClient = {
  call<T>(
    operation: string,
    payload: Record<string, XmlNode>,
    schema: z.ZodType<T>,
    what: string,
  ): Promise<T>;
};

export function createMplusClient(options: MplusClientOptions): MplusClient {
  const url = new URL(options.apiUrl);
  url.searchParams.set('ident', options.ident);
  url.searchParams.set('secret', options.secret);
  const endpoint = url.toString();

  async function call<T>(
    operation: string,
    payload: Record<string, XmlNode>,
    schema: z.ZodType<T>,
    what: string,
  ): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: operation, accept: 'text/xml' },
        body: buildEnvelope(operation, payload),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw targetTransportError('Mplus', error, what, options.timeoutMs);
    }
    const answer = readEnvelope(text);
    // A 429 wins over a Fault in its body; a 5xx with a Fault is judged by the Fault.
    const transient = targetTransientStatusError('Mplus', response, what, { operation });
    if (transient?.code === 'TARGET_RATE_LIMITED') throw transient;
    if (answer.kind === 'fault') throw faultError(answer.faultcode, answer.faultstring, what, operation);
    if (classifyStatus(response.status) === 'auth-failed') {
      throw appError('TARGET_AUTH_FAILED', `Mplus refused the ident/secret for ${what}`, {
        field: 'target.credentials.secret',
        details: { status: response.status, operation },
      });
    }
    if (transient) throw transient;
    if (!response.ok || answer.kind !== 'response') {
      throw appError(
        'TARGET_REJECTED',
        `Mplus answered ${what} with HTTP ${response.status} and no SOAP answer`,
        {
          details: {
            status: response.status,
            operation,
            ...(answer.kind === 'unreadable' ? { reason: answer.reason } : {}),
          },
        },
      );
    }
    const parsed = schema.safeParse(answer.body === '' ? {} : answer.body);
    if (!parsed.success) {
      throw appError('TARGET_REJECTED', `Mplus answered ${what} with an unexpected body`, {
        details: {
          operation,
          element: answer.element,
          issues: parsed.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`),
        },
      });
    }
    return parsed.data;
  }

  return { call };
}

/** Which Faults mean "wrong ident or secret": the vendor does not document a code for it. */
const AUTH_FAULT = /authenticat|\bident\b|secret/i;

export function faultError(
  faultcode: string,
  faultstring: string,
  what: string,
  operation: string,
): AppError {
  const details = { faultcode, faultstring, operation };
  if (/server$/i.test(faultcode)) {
    return appError('TARGET_UNAVAILABLE', `Mplus could not handle ${what}: ${faultstring}`, { details });
  }
  if (AUTH_FAULT.test(faultstring)) {
    return appError('TARGET_AUTH_FAILED', `Mplus refused the ident/secret for ${what}: ${faultstring}`, {
      field: 'target.credentials.secret',
      details,
    });
  }
  // gSOAP names the element at fault: "... in element 'createOrder/order/lineList/line/0/articleNumber'".
  const element = /element '([^']+)'/.exec(faultstring)?.[1];
  return mplusError('MPLUS_SOAP_FAULT', `Mplus refused ${what}: ${faultstring}`, {
    ...(element ? { field: element } : {}),
    details,
  });
}
