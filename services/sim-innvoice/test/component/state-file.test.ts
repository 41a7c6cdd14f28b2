import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildInnvoiceSimulator } from '../../src/index.js';
import { call, createdOf, invoiceFields, invoiceXml, startSim } from '../helpers.js';

t.test('state file keeps documents, numbering, partners and stock across restarts', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-innvoice-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'nested', 'state.json');
  const first = await startSim({ rateLimit: false, stateFile });
  const fields = invoiceFields({
    TetelNev: 'Póló',
    CikkSzam: 'TSHIRT-BLK-M',
    Mennyiseg: '5',
  });
  const created = createdOf((await call(first, 'POST', '/invoice', invoiceXml(fields))).xml);
  await first.app.close();
  const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { techIdCounter: number };
  t.equal(saved.techIdCounter, 100002);

  const second = await startSim({ rateLimit: false, stateFile });
  t.teardown(() => second.app.close());
  const read = await call(second, 'GET', `/invoice/techid/${created.techid}`);
  t.equal(read.status, 200);
  t.match(read.text, `<Sorszam>${created.Sorszam}</Sorszam>`);
  const pdf = await second.app.inject({ url: new URL(created.PrintUrl ?? '').pathname });
  t.equal(pdf.statusCode, 200, 'PrintUrl still valid');
  const next = createdOf((await call(second, 'POST', '/invoice', invoiceXml(invoiceFields()))).xml);
  t.match(next, { techid: '100002', Sorszam: 'WEB-2025/00002' });
  t.match(
    (await call(second, 'GET', '/product?CikkSzam=TSHIRT-BLK-M')).text,
    '<Raktar_Keszlet>20</Raktar_Keszlet>',
  );
  t.equal(second.state().companies[0]?.partners.length, 1);
});

t.test('reads alone write no file; a foreign file fails fast', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-innvoice-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'state.json');
  const sim = await startSim({ rateLimit: false, stateFile });
  await call(sim, 'GET', '/product');
  await sim.app.close();
  t.throws(() => readFileSync(stateFile), 'no file after reads only');

  writeFileSync(stateFile, JSON.stringify({ administrations: [] }));
  t.throws(() => buildInnvoiceSimulator({ stateFile }), /invalid InnVoice state/);
});

t.test('invalid options are refused with every problem listed', async (t) => {
  t.throws(
    () => buildInnvoiceSimulator({ rateLimit: { requests: 0, windowMs: 1 }, publicBaseUrl: 'not a url' }),
    /rateLimit[\s\S]*publicBaseUrl|publicBaseUrl[\s\S]*rateLimit/,
  );
  const sim = buildInnvoiceSimulator({
    rateLimit: false,
    publicBaseUrl: 'https://innvoice.sandbox.example/',
  });
  t.teardown(() => sim.app.close());
  const res = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
  t.match(createdOf(res.xml).PrintUrl, /^https:\/\/innvoice\.sandbox\.example\/koppeldemo\/print\/100001\//);
});
