/** Persisted identity server records (codes and tokens are opaque random strings). */
export type AuthorizationCode = {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  expiresAt: number;
  consumed: boolean;
};

export type AccessTokenRecord = {
  token: string;
  clientId: string;
  userId: string;
  scope: string;
  expiresAt: number;
};

export type RefreshTokenRecord = {
  token: string;
  clientId: string;
  userId: string;
  scope: string;
  expiresAt: number;
  /** Set when the token was exchanged; a rotated token is never accepted again. */
  consumedAt: number | null;
};

export type IdentityState = {
  codes: AuthorizationCode[];
  accessTokens: AccessTokenRecord[];
  refreshTokens: RefreshTokenRecord[];
};
