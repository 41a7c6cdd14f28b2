import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../domain/clock.js';

/**
 * Access tokens of `POST /{shopName}/app/token`: JWT-shaped (header.payload.signature, HS256 with
 * a per-process key) whose payload carries scopes and expiry as the docs show when decoding the
 * middle segment (README.md). Lifetime 3600 s by default; no refresh token in this grant.
 */
export type TokenClaims = {
  aud: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  sub: string;
  scopes: string[];
  shop: string;
};
export type TokenIssuer = {
  issue(clientId: string, scopes: string[]): { accessToken: string; expiresIn: number };
  /** Claims of a valid, unexpired token of this shop, else undefined. */
  verify(token: string): TokenClaims | undefined;
};

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function createTokenIssuer(options: {
  shopName: string;
  ttlSeconds: number;
  clock: Clock;
}): TokenIssuer {
  const key = randomBytes(32);
  const sign = (data: string) => createHmac('sha256', key).update(data).digest();
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  return {
    issue(clientId, scopes) {
      const iat = Math.floor(options.clock.now().getTime() / 1000);
      const claims: TokenClaims = {
        aud: clientId,
        jti: randomUUID().replace(/-/g, ''),
        iat,
        nbf: iat,
        exp: iat + options.ttlSeconds,
        sub: '',
        scopes,
        shop: options.shopName,
      };
      const body = `${header}.${b64url(JSON.stringify(claims))}`;
      return { accessToken: `${body}.${b64url(sign(body))}`, expiresIn: options.ttlSeconds };
    },
    verify(token) {
      const [h, p, s] = token.split('.');
      if (!h || !p || !s) return undefined;
      const expected = sign(`${h}.${p}`);
      const given = Buffer.from(s, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as TokenClaims;
      const now = options.clock.now().getTime() / 1000;
      if (claims.shop !== options.shopName || now >= claims.exp) return undefined;
      return claims;
    },
  };
}
