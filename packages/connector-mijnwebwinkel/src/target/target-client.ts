/**
 * The Connect API for the target side: the source's `client.ts` reads only (GET, SOURCE_* codes),
 * so this one adds POST/PATCH with the same URL and auth convention (`/v1<path>`, query `token`,
 * `partner_token`, `format=json`; README "Vendor facts") and the shared TARGET_* error classes.
 * https://myonlinestore.github.io/public-api-docs/
 */
import {
  classifyResponse,
  readJson,
  type SessionServices,
  targetTransientStatusError,
  targetTransportError,
} from '@koppel/connector-sdk';
import { API_VERSION } from '../client.js';
import {
  mijnwebwinkelTargetErrors,
  TARGET_API_TOKEN_FIELD,
  TARGET_PARTNER_TOKEN_FIELD,
} from './target-errors.js';
import {
  type MijnwebwinkelTargetCredentials,
  type MijnwebwinkelTargetSettings,
  targetApiBaseOf,
} from './target-settings.js';

const VENDOR = 'Mijnwebwinkel';

export type TargetRequest = {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
};

export type MijnwebwinkelTargetClient = {
  /** The parsed JSON body (callers validate it with zod); throws classified AppErrors. */
  request(request: TargetRequest): Promise<unknown>;
};

export function createMijnwebwinkelTargetClient(
  settings: MijnwebwinkelTargetSettings,
  credentials: MijnwebwinkelTargetCredentials,
  services: SessionServices,
): MijnwebwinkelTargetClient {
  const base = `${targetApiBaseOf(settings)}/v${API_VERSION}`;
  return {
    async request({ method, path, query = {}, body }) {
      const search = new URLSearchParams({
        ...query,
        format: 'json',
        token: credentials.apiToken,
        partner_token: credentials.partnerToken,
      });
      const what = `${method} ${path}`;
      let response: Response;
      try {
        response = await services.fetch(`${base}${path}?${search.toString()}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(services.requestTimeoutMs),
        });
      } catch (cause) {
        throw targetTransportError(VENDOR, cause, what, services.requestTimeoutMs);
      }
      const transient = targetTransientStatusError(VENDOR, response, what);
      if (transient) throw transient;
      const { kind, status } = classifyResponse(response, services.now());
      const json = await readJson(response);
      if (kind === 'auth-failed') {
        const field = status === 401 ? TARGET_API_TOKEN_FIELD : TARGET_PARTNER_TOKEN_FIELD;
        const token = status === 401 ? 'the API token' : 'the partner token';
        throw mijnwebwinkelTargetErrors.authFailed(
          `${VENDOR} refused ${token} (HTTP ${status}): ${detailOf(json)}`,
          field,
          status,
        );
      }
      if (kind !== 'ok') {
        throw mijnwebwinkelTargetErrors.rejected(
          `${VENDOR} answered ${status} to ${what}: ${detailOf(json)}`,
          status,
        );
      }
      if (json === undefined)
        throw mijnwebwinkelTargetErrors.badResponse(`${VENDOR} answered ${what} without JSON`);
      return json;
    },
  };
}

/** The API's own words from an `Error {code, message, description}` or `ApiProblem` body. */
function detailOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return 'no details';
  const record = body as Record<string, unknown>;
  const words = [record.detail, record.description, record.title, record.message].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  return words ?? 'no details';
}
