import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { isAppError } from '@koppel/errors';
import t, { type Test } from 'tap';
import {
  SANDBOX_CREDENTIALS as C,
  type Sandbox,
  SYSTEMS,
  type SystemName,
  startSandbox,
} from '../src/index.js';

const HOST = '127.0.0.1';
const ephemeral = Object.fromEntries(SYSTEMS.map((s) => [s, 0])) as Record<SystemName, number>;

/** One real, documented call per system, made over HTTP as a connector would. */
const probes: Record<SystemName, (t: Test, base: string) => Promise<void>> = {
  async asperion(t, base) {
    const res = await fetch(`${base}/.well-known/openid-configuration`);
    t.equal(res.status, 200, 'asperion: discovery document');
    const doc = (await res.json()) as { token_endpoint?: string };
    t.equal(doc.token_endpoint, `${base}/connect/token`, 'asperion: token endpoint on its own URL');
  },
  async accountview(t, base) {
    const minted = await fetch(`${base}/_control/authorization-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'koppel-sandbox' }),
    });
    t.equal(minted.status, 201, 'accountview: control mints a code');
    const { code, redirectUri } = (await minted.json()) as { code: string; redirectUri: string };
    const token = await fetch(`${base}/api/v3/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: 'koppel-sandbox',
        client_secret: 'sandbox-secret',
      }),
    });
    t.equal(token.status, 200, 'accountview: code exchanged for a token');
    const { access_token } = (await token.json()) as { access_token: string };
    const companies = await fetch(`${base}/api/v3/companies`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    t.equal(companies.status, 200, 'accountview: /companies');
    t.match(await companies.json(), [{ Code: 'DEMO' }], 'accountview: the demo company');
  },
  async mijnwebwinkel(t, base) {
    const query = new URLSearchParams({
      token: C.mijnwebwinkel.token,
      partner_token: C.mijnwebwinkel.partnerToken,
    });
    const res = await fetch(`${base}/v1/orderstatuses?${query}`);
    t.equal(res.status, 200, 'mijnwebwinkel: /v1/orderstatuses with the sandbox tokens');
    t.ok(((await res.json()) as unknown[]).length > 0, 'mijnwebwinkel: statuses listed');
  },
  async myshop(t, base) {
    const res = await fetch(`${base}/RPC/id?shop=${C.myshop.shopNumber}`);
    t.equal(res.status, 200, 'myshop: rpc id for the sandbox shop');
    t.match(await res.text(), /^\d{10}$/, 'myshop: the bare 10-digit rpc id, as the manual shows');
  },
  async mplus(t, base) {
    const envelope =
      '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">' +
      '<SOAP-ENV:Body><getApiVersion/></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    const query = new URLSearchParams({ ident: C.mplus.ident, secret: C.mplus.secret });
    const res = await fetch(`${base}/?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: envelope,
    });
    t.equal(res.status, 200, 'mplus: getApiVersion');
    t.match(await res.text(), /getApiVersionResponse[\s\S]*majorNumber/, 'mplus: a version');
  },
  async shoprenter(t, base) {
    const token = await fetch(`${base}/${C.shoprenter.shopName}/app/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: C.shoprenter.clientId,
        client_secret: C.shoprenter.clientSecret,
      }),
    });
    t.equal(token.status, 200, 'shoprenter: client_credentials token');
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${base}/api/orderStatuses`, {
      headers: { authorization: `Bearer ${access_token}`, accept: 'application/json' },
    });
    t.equal(res.status, 200, 'shoprenter: /api/orderStatuses');
  },
  async innvoice(t, base) {
    const basic = Buffer.from('koppeldemo:innvoice-demo-pass').toString('base64');
    const res = await fetch(`${base}/koppeldemo/product`, { headers: { authorization: `Basic ${basic}` } });
    t.equal(res.status, 200, 'innvoice: /{company}/product');
    t.match(await res.text(), /<CikkSzam>TSHIRT-BLK-M<\/CikkSzam>/, 'innvoice: the seeded products');
  },
};

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, HOST, () => resolve(server));
  });
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A port that is free right now (bound to 0, read back, released). */
async function freePort(): Promise<number> {
  const server = await listenOn(0);
  const address = server.address();
  await closeServer(server);
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** True when nothing listens on the port any more: we can bind it ourselves. */
async function isFree(port: number): Promise<boolean> {
  try {
    await closeServer(await listenOn(port));
    return true;
  } catch {
    return false;
  }
}

const portOf = (url: string) => Number(new URL(url).port);

t.test('starts all seven simulators; each answers over HTTP; close() frees the ports', async (t) => {
  const sandbox: Sandbox = await startSandbox({ host: HOST, ports: ephemeral });
  let closed = false;
  t.teardown(() => (closed ? undefined : sandbox.close()));

  t.same(Object.keys(sandbox.urls).sort(), [...SYSTEMS].sort(), 'one URL per system');
  t.equal(new Set(Object.values(sandbox.urls)).size, SYSTEMS.length, 'seven distinct URLs');
  for (const system of SYSTEMS) {
    const base = sandbox.urls[system];
    t.match(base, /^http:\/\/127\.0\.0\.1:\d+$/, `${system} URL`);
    await probes[system](t, base);
    const received = await fetch(`${base}/_sim/received`);
    t.equal(received.status, 200, `${system}: /_sim inspection endpoint`);
    const { calls } = (await received.json()) as { calls: { path: string }[] };
    t.ok(calls.length > 0, `${system}: the documented call was recorded`);
  }

  const ports = SYSTEMS.map((s) => portOf(sandbox.urls[s]));
  await sandbox.close();
  closed = true;
  for (const [i, port] of ports.entries()) {
    t.ok(await isFree(port), `${SYSTEMS[i]} port ${port} is free after close()`);
  }
  await t.rejects(fetch(sandbox.urls.asperion), 'nothing answers any more');
});

t.test(
  'a taken port fails with an error naming the system and port, and leaves nothing listening',
  async (t) => {
    const ports = {} as Record<SystemName, number>;
    for (const system of SYSTEMS) ports[system] = await freePort();
    // mplus starts fifth, so four simulators are already listening when it fails.
    const blocker = await listenOn(ports.mplus);
    t.teardown(() => closeServer(blocker));

    const error = await startSandbox({ host: HOST, ports }).then(
      () => undefined,
      (e: unknown) => e,
    );
    t.ok(isAppError(error), 'an AppError');
    if (!isAppError(error)) return;
    t.equal(error.code, 'SANDBOX_PORT_IN_USE');
    t.match(error.message, 'mplus');
    t.match(error.message, `${HOST}:${ports.mplus}`);
    t.match(error.message, 'SANDBOX_MPLUS_PORT', 'says which variable moves it');
    t.same(error.details, { system: 'mplus', host: HOST, port: ports.mplus });

    for (const system of SYSTEMS) {
      if (system === 'mplus') continue;
      t.ok(await isFree(ports[system]), `${system} port ${ports[system]} was released`);
    }
  },
);

t.test('two systems on one fixed port are refused before anything listens', async (t) => {
  const port = await freePort();
  await t.rejects(startSandbox({ host: HOST, ports: { ...ephemeral, myshop: port, innvoice: port } }), {
    code: 'SANDBOX_PORT_CLASH',
    message: /myshop .*innvoice .*port \d+/,
  });
  t.ok(await isFree(port));
});

t.test('with a state folder each simulator keeps <system>.json there', async (t) => {
  const stateDir = t.testdir();
  const sandbox = await startSandbox({ host: HOST, ports: ephemeral, stateDir });
  t.teardown(() => sandbox.close());
  // Asperion and InnVoice save after every non-GET call; a reset is the cheapest one.
  for (const system of ['asperion', 'innvoice'] as const) {
    const res = await fetch(`${sandbox.urls[system]}/_control/reset`, { method: 'POST' });
    t.equal(res.status, 200, `${system} reset`);
    t.ok(existsSync(join(stateDir, `${system}.json`)), `${system}.json written`);
  }
});
