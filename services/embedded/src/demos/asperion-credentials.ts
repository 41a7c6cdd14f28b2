import { DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import type { DemoContext } from './demo-definition.js';

/**
 * Credentials of an Asperion demo connection: the simulator's OAuth client and a refresh token of
 * its demo user, minted through the control API (`POST /_control/refresh-tokens`) rather than
 * the in-process handle, so the simulator writes it to its state file and a restart knows it.
 */
export async function asperionDemoCredentials(ctx: DemoContext): Promise<Record<string, string>> {
  const response = await ctx.sims.asperion.app.inject({
    method: 'POST',
    url: '/_control/refresh-tokens',
    payload: { clientId: DEFAULT_CLIENT.clientId, userId: DEFAULT_USER_ID },
  });
  if (response.statusCode >= 300)
    throw new Error(`minting an Asperion refresh token failed: ${response.body}`);
  const { refresh_token: refreshToken } = response.json() as { refresh_token: string };
  return { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken };
}
