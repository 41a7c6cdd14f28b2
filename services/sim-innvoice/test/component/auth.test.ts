import t from 'tap';
import { basic, call, errorOf, invoiceFields, invoiceXml, startSim } from '../helpers.js';

t.test('tomb_invoice with the account credentials lists the pads', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const res = await call(sim, 'GET', '/tomb_invoice');
  t.equal(res.status, 200);
  t.match(res.headers['content-type'], /^text\/xml/);
  const pads = (res.xml.tomb_invoice as { invoice: { TABLE_ID: string; Nev: string }[] }).invoice;
  t.same(
    pads.map((p) => [p.TABLE_ID, p.Nev]),
    [
      ['1', 'Webshop számlák'],
      ['2', 'Díjbekérők'],
    ],
  );
});

t.test('wrong password, unknown user, no header, other scheme: 401 XML error, nothing stored', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const body = invoiceXml(invoiceFields());
  const attempts: (string | null)[] = [
    basic('koppeldemo', 'wrong'),
    basic('someone', 'innvoice-demo-pass'),
    null,
    'Bearer innvoice-demo-pass',
    'Basic not-base64-without-colon',
  ];
  for (const authorization of attempts) {
    const res = await call(sim, 'POST', '/invoice', body, authorization);
    t.equal(res.status, 401, String(authorization));
    t.equal(res.headers['www-authenticate'], 'Basic realm="InnVoice API"');
    t.same(errorOf(res.xml), { code: '401', message: 'Hibás felhasználónév vagy jelszó' });
  }
  t.equal(sim.state().companies[0]?.documents.length, 0);
});

t.test('unknown company in the path answers 404 before looking at credentials', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const res = await sim.app.inject({ url: '/nosuchco/tomb_invoice' });
  t.equal(res.statusCode, 404);
  t.match(res.body, /<error>404<\/error>/);
  t.match(res.body, /Ismeretlen cég: nosuchco/);
});

t.test("one account's credentials do not open another account", async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const seeded = await sim.app.inject({
    method: 'POST',
    url: '/_control/seed',
    payload: {
      companies: [
        { name: 'alpha', username: 'alpha', password: 'a-pass', pads: [{ id: 1, name: 'A', prefix: 'A' }] },
        { name: 'beta', username: 'beta', password: 'b-pass', pads: [{ id: 1, name: 'B', prefix: 'B' }] },
      ],
    },
  });
  t.equal(seeded.statusCode, 200);
  const own = await sim.app.inject({
    url: '/alpha/tomb_invoice',
    headers: { authorization: basic('alpha', 'a-pass') },
  });
  t.equal(own.statusCode, 200);
  const other = await sim.app.inject({
    url: '/beta/tomb_invoice',
    headers: { authorization: basic('alpha', 'a-pass') },
  });
  t.equal(other.statusCode, 401);
});

t.test('unknown endpoint under a company answers a 404 XML error', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const res = await call(sim, 'GET', '/partner');
  t.equal(res.status, 404);
  t.equal(errorOf(res.xml).code, '404');
});
