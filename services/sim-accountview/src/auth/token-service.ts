import { randomBytes } from 'node:crypto';
import { ASSUMPTIONS } from '../domain/assumptions.js';
import type { Grant, OAuthClient } from '../domain/model.js';
import type { Store } from '../domain/store.js';

/** OAuth error as RFC 6749 §5.2 (AccountView's token errors are not documented; see README). */
export class OAuthError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

export type TokenResponse = {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
};

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/** Authorization codes, access tokens and rotating refresh tokens (notes §2.1, §6.7). */
export function createTokenService(store: Store, clock: () => Date, accessTtlSeconds: number) {
  const auth = () => store.state().auth;
  const now = () => clock().getTime();

  function authenticateClient(clientId: string | undefined, secret: string | undefined): OAuthClient {
    const client = auth().clients.find((c) => c.clientId === clientId);
    if (!client || client.clientSecret !== secret)
      throw new OAuthError(401, 'invalid_client', 'Unknown client_id or wrong client_secret');
    return client;
  }

  function issue(grant: Grant): TokenResponse {
    const access = token('av_at_');
    const refresh = token('av_rt_');
    store.mutate((s) => {
      s.auth.accessTokens[access] = { ...grant, expiresAt: now() + accessTtlSeconds * 1000 };
      s.auth.refreshTokens[refresh] = { ...grant };
    });
    return {
      access_token: access,
      token_type: 'bearer',
      expires_in: accessTtlSeconds,
      refresh_token: refresh,
    };
  }

  return {
    authenticateClient,
    /** Consent is implicit in the simulator: the authorize step (or the control API) mints a code. */
    createCode(clientId: string, redirectUri: string, scopes: string[]): string {
      const client = auth().clients.find((c) => c.clientId === clientId);
      if (!client) throw new OAuthError(400, 'invalid_client', `Unknown client_id ${clientId}`);
      if (!client.redirectUris.includes(redirectUri))
        throw new OAuthError(
          400,
          'invalid_request',
          'redirect_uri does not match the registered one exactly',
        );
      const code = token('av_code_');
      const expiresAt = now() + ASSUMPTIONS.authorizationCodeLifetimeSeconds * 1000;
      store.mutate((s) => {
        s.auth.codes[code] = { clientId, scopes, redirectUri, expiresAt };
      });
      return code;
    },
    exchangeCode(client: OAuthClient, code: string, redirectUri: string | undefined): TokenResponse {
      const entry = auth().codes[code];
      // Codes are single use: removed whether or not the exchange succeeds.
      store.mutate((s) => {
        delete s.auth.codes[code];
      });
      if (!entry || entry.clientId !== client.clientId || entry.expiresAt <= now())
        throw new OAuthError(400, 'invalid_grant', 'Authorization code is invalid, expired or already used');
      if (entry.redirectUri !== redirectUri)
        throw new OAuthError(400, 'invalid_grant', 'redirect_uri differs from the one used to get the code');
      return issue({ clientId: entry.clientId, scopes: entry.scopes });
    },
    refresh(client: OAuthClient, refreshToken: string): TokenResponse {
      const entry = auth().refreshTokens[refreshToken];
      if (!entry || entry.clientId !== client.clientId)
        throw new OAuthError(400, 'invalid_grant', 'Refresh token is invalid or was already used');
      if (ASSUMPTIONS.rotateRefreshTokens) {
        store.mutate((s) => {
          delete s.auth.refreshTokens[refreshToken];
        });
      }
      return issue(entry);
    },
    /** The grant of a live access token, or undefined. */
    verify(accessToken: string): Grant | undefined {
      const entry = auth().accessTokens[accessToken];
      return entry && entry.expiresAt > now() ? entry : undefined;
    },
    expireAccessTokens(): number {
      return store.mutate((s) => {
        const n = Object.keys(s.auth.accessTokens).length;
        s.auth.accessTokens = {};
        return n;
      });
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
