import t from 'tap';
import { buildAccountviewSimulator } from '../../src/index.js';
import { CLIENT, COMPANY_ID, startSimulator } from '../helpers.js';

const form = (values: Record<string, string>) => ({
  method: 'POST' as const,
  url: '/api/v3/token',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(values).toString(),
});

t.test('authorize page redirects back with a code and state; the code buys tokens once', async (t) => {
  const { app } = buildAccountviewSimulator({ rateLimit: false });
  t.teardown(() => app.close());
  const res = await app.inject({
    url: `/ams/authorize.aspx?${new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: CLIENT.redirect,
      scope: 'readaccountviewdata updateaccountviewdata deleteaccountviewdata',
      state: 'xyz',
    })}`,
  });
  t.equal(res.statusCode, 302);
  const location = new URL(String(res.headers.location));
  t.equal(`${location.origin}${location.pathname}`, CLIENT.redirect);
  t.equal(location.searchParams.get('state'), 'xyz');
  const code = location.searchParams.get('code') ?? '';
  t.match(code, /^av_code_/);

  const exchange = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CLIENT.redirect,
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
  };
  const first = await app.inject(form(exchange));
  t.equal(first.statusCode, 200);
  t.equal(first.headers['cache-control'], 'no-store');
  t.match(first.json(), {
    token_type: 'bearer',
    expires_in: 3600,
    access_token: /^av_at_/,
    refresh_token: /^av_rt_/,
  });
  const again = await app.inject(form(exchange));
  t.equal(again.statusCode, 400);
  t.same(again.json().error, 'invalid_grant', 'codes are single use');
});

t.test('authorize rejects a redirect URI that does not match exactly', async (t) => {
  const { app } = buildAccountviewSimulator({ rateLimit: false });
  t.teardown(() => app.close());
  const res = await app.inject({
    url: `/ams/authorize.aspx?${new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: `${CLIENT.redirect}/`,
    })}`,
  });
  t.equal(res.statusCode, 400);
  t.same(res.json(), {
    error: 'invalid_request',
    error_description: 'redirect_uri does not match the registered one exactly',
  });
});

t.test('wrong client credentials answer 401 invalid_client', async (t) => {
  const { app, tokens } = await startSimulator();
  t.teardown(() => app.close());
  const wrongSecret = await app.inject(
    form({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: CLIENT.id,
      client_secret: 'not-the-secret',
    }),
  );
  t.equal(wrongSecret.statusCode, 401);
  t.equal(wrongSecret.json().error, 'invalid_client');
  const unknownClient = await app.inject(
    form({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: 'nobody',
      client_secret: 'x',
    }),
  );
  t.equal(unknownClient.statusCode, 401);
  const badGrant = await app.inject(
    form({ grant_type: 'password', client_id: CLIENT.id, client_secret: CLIENT.secret }),
  );
  t.equal(badGrant.statusCode, 400);
  t.equal(badGrant.json().error, 'unsupported_grant_type');
  const json = await app.inject({
    method: 'POST',
    url: '/api/v3/token',
    payload: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
  });
  t.equal(json.statusCode, 400, 'token endpoint wants a form body');
  t.equal(json.json().error, 'invalid_request');
});

t.test('refresh tokens rotate: the new pair works, the old refresh token does not', async (t) => {
  const { app, tokens } = await startSimulator();
  t.teardown(() => app.close());
  const body = { grant_type: 'refresh_token', client_id: CLIENT.id, client_secret: CLIENT.secret };
  const refreshed = await app.inject(form({ ...body, refresh_token: tokens.refresh_token }));
  t.equal(refreshed.statusCode, 200);
  const next = refreshed.json() as { access_token: string; refresh_token: string };
  t.not(next.refresh_token, tokens.refresh_token);
  const reused = await app.inject(form({ ...body, refresh_token: tokens.refresh_token }));
  t.equal(reused.statusCode, 400);
  t.equal(reused.json().error, 'invalid_grant');
  const companies = await app.inject({
    url: '/api/v3/companies',
    headers: { authorization: `Bearer ${next.access_token}` },
  });
  t.equal(companies.statusCode, 200);
  t.same(companies.json(), [{ Id: COMPANY_ID, Description: 'Koppel Demo BV', Code: 'DEMO' }]);
});

t.test('missing, invalid and expired access tokens answer 401 with an AccountViewError body', async (t) => {
  let now = new Date('2025-03-01T10:00:00Z');
  const { app, headers, get } = await startSimulator({ now: () => now, accessTokenLifetimeSeconds: 60 });
  t.teardown(() => app.close());
  const url = '/api/v3/accountviewdata?BusinessObject=AR1';
  const none = await app.inject({ url, headers: { 'x-company': COMPANY_ID } });
  t.equal(none.statusCode, 401);
  t.same(none.json(), {
    ErrorType: 'AccountViewError',
    ErrorNumbers: null,
    ErrorMessage: 'Authorization: Bearer <access token> is required',
  });
  const invalid = await app.inject({ url, headers: { ...headers, authorization: 'Bearer av_at_made_up' } });
  t.equal(invalid.statusCode, 401);
  t.equal(invalid.json().ErrorMessage, 'Access token is invalid or expired');

  t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 200);
  now = new Date('2025-03-01T10:01:00Z');
  const expired = await get({ BusinessObject: 'AR1' });
  t.equal(expired.statusCode, 401, 'expires after accessTokenLifetimeSeconds');
  t.equal(expired.json().ErrorType, 'AccountViewError');
});

t.test('control endpoint expires every access token at once', async (t) => {
  const { app, get, control } = await startSimulator();
  t.teardown(() => app.close());
  t.same((await control('POST', '/tokens/expire')).json(), { expired: 1 });
  t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 401);
});

t.test('x-company: missing is 400, unknown is 403; a read-only token cannot POST', async (t) => {
  const { app, headers, control, sim } = await startSimulator();
  t.teardown(() => app.close());
  const url = '/api/v3/accountviewdata?BusinessObject=AR1';
  const missing = await app.inject({ url, headers: { authorization: headers.authorization } });
  t.equal(missing.statusCode, 400);
  t.match(missing.json().ErrorMessage, /x-company/);
  const unknown = await app.inject({
    url,
    headers: { ...headers, 'x-company': 'ffffffff-0000-0000-0000-000000000000' },
  });
  t.equal(unknown.statusCode, 403);
  const upper = await app.inject({ url, headers: { ...headers, 'x-company': COMPANY_ID.toUpperCase() } });
  t.equal(upper.statusCode, 200, 'company ids compare case-insensitively');

  const code = (
    await control('POST', '/authorization-codes', { clientId: CLIENT.id, scopes: ['readaccountviewdata'] })
  ).json().code as string;
  const readOnly = (
    await sim.app.inject(
      form({
        grant_type: 'authorization_code',
        code,
        redirect_uri: CLIENT.redirect,
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      }),
    )
  ).json().access_token as string;
  const h = { authorization: `Bearer ${readOnly}`, 'x-company': COMPANY_ID };
  t.equal((await app.inject({ url, headers: h })).statusCode, 200);
  const post = await app.inject({ method: 'POST', url: '/api/v3/accountviewdata', headers: h, payload: {} });
  t.equal(post.statusCode, 403);
  t.equal(post.json().ErrorMessage, 'The access token lacks scope updateaccountviewdata');
});
