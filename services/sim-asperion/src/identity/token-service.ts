import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AsperionState } from '../domain/state.js';
import type { AccessTokenRecord } from './identity-state.js';

/**
 * IdentityServer-like token logic (notes §1.1): authorization code + refresh token grants, client
 * secret in the form body, refresh tokens rotated on every use (one-time use) and the old one
 * rejected afterwards with `invalid_grant`.
 */
export type TokenLifetimes = {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  authorizationCodeSeconds: number;
};

export type TokenResponse = {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token: string;
  scope: string;
};

export type OAuthError = {
  status: 400 | 401;
  error:
    | 'invalid_request'
    | 'invalid_client'
    | 'invalid_grant'
    | 'unsupported_grant_type'
    | 'unauthorized_client';
  description: string;
};

export type AccessCheck =
  | { ok: true; record: AccessTokenRecord }
  | { ok: false; reason: 'invalid' | 'expired' };

const newToken = () => randomBytes(32).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export type TokenService = ReturnType<typeof createTokenService>;

export function createTokenService(
  getState: () => AsperionState,
  lifetimes: TokenLifetimes,
  now: () => Date,
) {
  const ms = () => now().getTime();
  const identity = () => getState().identity;

  function issue(clientId: string, userId: string, scope: string): TokenResponse {
    const at = ms();
    const access = {
      token: newToken(),
      clientId,
      userId,
      scope,
      expiresAt: at + lifetimes.accessTokenSeconds * 1000,
    };
    const refresh = {
      token: newToken(),
      clientId,
      userId,
      scope,
      expiresAt: at + lifetimes.refreshTokenSeconds * 1000,
      consumedAt: null,
    };
    const state = identity();
    state.accessTokens = state.accessTokens.filter((t) => t.expiresAt > at);
    state.accessTokens.push(access);
    state.refreshTokens = state.refreshTokens.filter((t) => t.expiresAt > at);
    state.refreshTokens.push(refresh);
    return {
      access_token: access.token,
      expires_in: lifetimes.accessTokenSeconds,
      token_type: 'Bearer',
      refresh_token: refresh.token,
      scope,
    };
  }

  return {
    authenticateClient(clientId: string, clientSecret: string): boolean {
      const client = getState().clients.find((c) => c.clientId === clientId);
      return client !== undefined && safeEqual(client.clientSecret, clientSecret);
    },

    createCode(input: {
      clientId: string;
      userId: string;
      redirectUri: string;
      scope: string;
      codeChallenge: string | null;
      codeChallengeMethod: 'S256' | 'plain' | null;
    }): string {
      const code = newToken();
      const state = identity();
      state.codes = state.codes.filter((c) => c.expiresAt > ms() && !c.consumed);
      state.codes.push({
        ...input,
        code,
        expiresAt: ms() + lifetimes.authorizationCodeSeconds * 1000,
        consumed: false,
      });
      return code;
    },

    redeemCode(
      clientId: string,
      code: string,
      redirectUri: string | undefined,
      verifier: string | undefined,
    ): TokenResponse | OAuthError {
      const record = identity().codes.find((c) => c.code === code);
      const invalid = (description: string): OAuthError => ({
        status: 400,
        error: 'invalid_grant',
        description,
      });
      if (!record || record.consumed) return invalid('authorization code is invalid or was already used');
      if (record.clientId !== clientId) return invalid('authorization code was issued to another client');
      if (record.expiresAt <= ms()) return invalid('authorization code has expired');
      if (redirectUri !== record.redirectUri)
        return invalid('redirect_uri does not match the authorize request');
      if (record.codeChallenge !== null) {
        if (!verifier) return invalid('code_verifier is required');
        const computed =
          record.codeChallengeMethod === 'S256'
            ? createHash('sha256').update(verifier).digest('base64url')
            : verifier;
        if (computed !== record.codeChallenge) return invalid('code_verifier does not match');
      }
      record.consumed = true;
      return issue(record.clientId, record.userId, record.scope);
    },

    refresh(clientId: string, refreshToken: string): TokenResponse | OAuthError {
      const record = identity().refreshTokens.find((t) => t.token === refreshToken);
      const invalid = (description: string): OAuthError => ({
        status: 400,
        error: 'invalid_grant',
        description,
      });
      if (!record) return invalid('refresh token is unknown');
      if (record.consumedAt !== null) return invalid('refresh token was already used (rotated)');
      if (record.expiresAt <= ms()) return invalid('refresh token has expired');
      if (record.clientId !== clientId) return invalid('refresh token was issued to another client');
      record.consumedAt = ms();
      return issue(record.clientId, record.userId, record.scope);
    },

    /** Test and sandbox shortcut: a refresh token as if the user had consented. */
    mintRefreshToken(clientId: string, userId: string, scope = 'api offline_access'): string {
      return issue(clientId, userId, scope).refresh_token;
    },

    checkAccessToken(token: string): AccessCheck {
      const record = identity().accessTokens.find((t) => t.token === token);
      if (!record) return { ok: false, reason: 'invalid' };
      if (record.expiresAt <= ms()) return { ok: false, reason: 'expired' };
      return { ok: true, record };
    },

    /** Makes every issued access token expired now (to exercise refresh handling). */
    expireAccessTokens(): number {
      const tokens = identity().accessTokens;
      for (const t of tokens) t.expiresAt = Math.min(t.expiresAt, ms());
      return tokens.length;
    },

    revokeRefreshTokens(): number {
      const tokens = identity().refreshTokens;
      for (const t of tokens) t.consumedAt ??= ms();
      return tokens.length;
    },
  };
}
