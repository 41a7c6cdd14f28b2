import { buildAsperionSimulator } from '../src/app.js';
import { DEFAULT_CLIENT } from '../src/domain/seed-data.js';
import type { AsperionSimulatorOptions } from '../src/options.js';

export type Sim = ReturnType<typeof buildAsperionSimulator>;

export const REDIRECT_URI = DEFAULT_CLIENT.redirectUris[0] ?? '';

export function form(values: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return {
    payload: new URLSearchParams(values).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/** Builds a simulator and returns it with a fresh access token from a minted refresh token. */
export async function startSim(options: AsperionSimulatorOptions = {}) {
  const sim = buildAsperionSimulator(options);
  await sim.app.ready();
  const refresh = sim.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, 'user-demo');
  const res = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: DEFAULT_CLIENT.clientId,
      client_secret: DEFAULT_CLIENT.clientSecret,
    }),
  });
  const token = (res.json() as { access_token: string }).access_token;
  const auth = { authorization: `Bearer ${token}`, 'accept-language': 'en-US' };
  return { sim, token, auth };
}

type Json = Record<string, unknown>;

export async function api(
  sim: Sim,
  auth: Record<string, string>,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
) {
  const res = await sim.app.inject({
    method,
    url,
    headers: auth,
    ...(body === undefined ? {} : { payload: body as Json }),
  });
  return { status: res.statusCode, body: res.json() as Json, headers: res.headers };
}
