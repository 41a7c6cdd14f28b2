import { createHash } from 'node:crypto';
import t from 'tap';
import { buildAsperionSimulator } from '../src/app.js';
import { DEFAULT_CLIENT } from '../src/domain/seed-data.js';
import { form, REDIRECT_URI } from './helpers.js';

const client = { client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret };

async function authorize(sim: ReturnType<typeof buildAsperionSimulator>, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'api offline_access',
    state: 'xyz-123',
    sim_auto_approve: 'true',
    ...extra,
  });
  const res = await sim.app.inject({ method: 'GET', url: `/connect/authorize?${query}` });
  return { res, location: new URL(String(res.headers.location ?? 'http://invalid/')) };
}

t.test('authorization code flow, then refresh-token rotation', async (t) => {
  let clock = Date.parse('2025-03-01T10:00:00Z');
  const sim = buildAsperionSimulator({ now: () => new Date(clock), accessTokenLifetimeSeconds: 600 });
  t.teardown(() => sim.app.close());
  const { res, location } = await authorize(sim);
  t.equal(res.statusCode, 302);
  t.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  t.equal(location.searchParams.get('state'), 'xyz-123');
  const code = location.searchParams.get('code') ?? '';
  t.ok(code.length > 20, 'a code is returned');

  const token = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...client }),
  });
  t.equal(token.statusCode, 200);
  const first = token.json() as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    token_type: string;
  };
  t.equal(first.token_type, 'Bearer');
  t.equal(first.expires_in, 600);
  t.equal(token.headers['cache-control'], 'no-store');

  const reuse = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...client }),
  });
  t.equal(reuse.statusCode, 400);
  t.equal(reuse.json().error, 'invalid_grant', 'a code is single-use');

  const ok = await sim.app.inject({
    url: '/v1/administrations',
    headers: { authorization: `Bearer ${first.access_token}` },
  });
  t.equal(ok.statusCode, 200);

  clock += 601_000;
  const expired = await sim.app.inject({
    url: '/v1/administrations',
    headers: { authorization: `Bearer ${first.access_token}` },
  });
  t.equal(expired.statusCode, 401);
  t.match(expired.headers['www-authenticate'], /invalid_token/);
  t.match(expired.headers['content-type'], /^application\/json/);
  t.equal(expired.json().status, 401);

  const refreshed = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...client }),
  });
  t.equal(refreshed.statusCode, 200);
  const second = refreshed.json() as { access_token: string; refresh_token: string };
  t.not(second.refresh_token, first.refresh_token, 'refresh token rotated');
  t.not(second.access_token, first.access_token);

  const oldAgain = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...client }),
  });
  t.equal(oldAgain.statusCode, 400);
  t.same(oldAgain.json().error, 'invalid_grant', 'the rotated refresh token is rejected');

  const newOne = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({ grant_type: 'refresh_token', refresh_token: second.refresh_token, ...client }),
  });
  t.equal(newOne.statusCode, 200, 'the new refresh token works');
});

t.test('wrong client credentials and bad requests', async (t) => {
  const sim = buildAsperionSimulator();
  t.teardown(() => sim.app.close());
  const refresh = sim.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, 'user-demo');
  const wrong = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: DEFAULT_CLIENT.clientId,
      client_secret: 'nope',
    }),
  });
  t.equal(wrong.statusCode, 401);
  t.same(wrong.json().error, 'invalid_client');

  const basic = Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64');
  const viaBasic = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    payload: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
  });
  t.equal(viaBasic.statusCode, 200, 'Basic client authentication is accepted too');

  const unsupported = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({ grant_type: 'password', ...client }),
  });
  t.equal(unsupported.statusCode, 400);
  t.equal(unsupported.json().error, 'unsupported_grant_type');

  const json = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    payload: { grant_type: 'refresh_token', ...client },
  });
  t.equal(json.statusCode, 400, 'JSON body is not accepted by the token endpoint');
  t.equal(json.json().error, 'invalid_request');

  const unknownRefresh = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({ grant_type: 'refresh_token', refresh_token: 'made-up', ...client }),
  });
  t.equal(unknownRefresh.json().error, 'invalid_grant');

  const badToken = await sim.app.inject({ url: '/v1/debtors', headers: { authorization: 'Bearer made-up' } });
  t.equal(badToken.statusCode, 401);
  const noToken = await sim.app.inject({ url: '/v1/debtors' });
  t.equal(noToken.statusCode, 401);
  t.equal(noToken.json().title, 'Unauthorized');
});

t.test('authorize: unregistered redirect, consent page, deny, redirect_uri mismatch, PKCE', async (t) => {
  const sim = buildAsperionSimulator();
  t.teardown(() => sim.app.close());
  const bad = await authorize(sim, { redirect_uri: 'https://evil.example/cb' });
  t.equal(bad.res.statusCode, 400, 'never redirects to an unregistered URI');

  const page = await authorize(sim, { sim_auto_approve: 'false' });
  t.equal(page.res.statusCode, 200);
  t.match(page.res.headers['content-type'], /text\/html/);
  t.match(page.res.body, /action="\/connect\/authorize\/consent"/);

  const params = {
    response_type: 'code',
    client_id: DEFAULT_CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    state: 's1',
    user_id: 'user-demo',
  };
  const deny = await sim.app.inject({
    method: 'POST',
    url: '/connect/authorize/consent',
    ...form({ ...params, decision: 'deny' }),
  });
  t.equal(new URL(String(deny.headers.location)).searchParams.get('error'), 'access_denied');
  const approve = await sim.app.inject({
    method: 'POST',
    url: '/connect/authorize/consent',
    ...form({ ...params, decision: 'approve' }),
  });
  const code = new URL(String(approve.headers.location)).searchParams.get('code') ?? '';
  const mismatch = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:4000/oauth/asperion/callback',
      ...client,
    }),
  });
  t.equal(mismatch.json().error, 'invalid_grant', 'redirect_uri must match the authorize request');

  const verifier = 'a-very-long-code-verifier-with-enough-entropy-1234567890';
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const pkce = await authorize(sim, { code_challenge: challenge, code_challenge_method: 'S256' });
  const pkceCode = pkce.location.searchParams.get('code') ?? '';
  const noVerifier = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    ...form({
      grant_type: 'authorization_code',
      code: pkceCode,
      redirect_uri: REDIRECT_URI,
      ...client,
      code_verifier: 'wrong',
    }),
  });
  t.equal(noVerifier.json().error, 'invalid_grant');
});

t.test('identity routes can live under a prefix', async (t) => {
  const sim = buildAsperionSimulator({ identityPrefix: '/identity' });
  t.teardown(() => sim.app.close());
  const res = await sim.app.inject({ url: '/identity/.well-known/openid-configuration' });
  t.equal(res.statusCode, 200);
  t.match(res.json().token_endpoint, /\/identity\/connect\/token$/);
  const root = await sim.app.inject({ method: 'POST', url: '/connect/token' });
  t.equal(root.statusCode, 404);
});
