/**
 * One form POST to Asperion's token endpoint, with OAuth 2.0 error responses (RFC 6749 §5.2)
 * turned into AppErrors: `invalid_grant` means the refresh token or code is spent or revoked,
 * which only a new connect by the operator repairs.
 */
import { appError } from '@koppel/errors';
import { z } from 'zod';
import { readJson, transientStatusError, transportError } from './http-errors.js';

/** The subset of `fetch` the connector uses; tests inject failing ones. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export type PostFormInput = {
  url: string;
  form: Record<string, string>;
  fetch: FetchLike;
  timeoutMs: number;
  /** For messages, e.g. "refresh the Asperion access token". */
  purpose: string;
};

export async function postForm(input: PostFormInput): Promise<unknown> {
  let response: Response;
  let body: unknown;
  try {
    response = await input.fetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(input.form).toString(),
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    body = await readJson(response);
  } catch (error) {
    throw transportError(error, `token request (${input.purpose})`, input.timeoutMs);
  }
  if (response.ok) return body;
  const transient = transientStatusError(response, `token request (${input.purpose})`);
  if (transient) throw transient;
  const oauth = oauthErrorSchema.safeParse(body);
  const code = oauth.success ? oauth.data.error : `http_${response.status}`;
  const description = oauth.success ? oauth.data.error_description : undefined;
  throw appError('TARGET_AUTH_FAILED', authFailureMessage(code, input.purpose), {
    details: { status: response.status, error: code, ...(description ? { description } : {}) },
  });
}

function authFailureMessage(code: string, purpose: string): string {
  switch (code) {
    case 'invalid_grant':
      return `Asperion refused to ${purpose} (invalid_grant): the authorization was revoked or expired. Reconnect the Asperion connection in Koppel to log in again.`;
    case 'invalid_client':
    case 'unauthorized_client':
      return `Asperion refused Koppel's OAuth client (${code}): check the client id and secret of the connection.`;
    default:
      return `Asperion refused to ${purpose} (${code}). Reconnect the Asperion connection in Koppel.`;
  }
}
