// The bundles the images run (scripts/build/bundle-deployables.ts): every deployable bundles, with
// the @koppel/* packages compiled in and third-party packages left to node_modules; and the five
// Kafka-mode stages, each started from its bundle with plain node (no tsx), book orders end to end
// on the real broker and database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import t from 'tap';
import { openBenchInfra, startAsperionTarget, webhookShots } from '../../bench/bench-infra.js';
import { STAGES, startStages } from '../../bench/e2e-bench.js';
import { bundleDeployables, deployableEntries } from '../../build/bundle-deployables.js';

const root = resolve(import.meta.dirname, '../../..');

t.test('every deployable bundles, its own packages compiled in and the rest imported', async (t) => {
  const entries = deployableEntries(root);
  const services = new Set(entries.map((entry) => entry.service));
  for (const service of [...STAGES, 'admin', 'embedded', 'sandbox', 'sim-asperion', 'sim-shoprenter']) {
    t.ok(services.has(service), `${service} is a deployable`);
  }
  t.ok(
    entries.some((entry) => entry.outfile === 'services/admin/dist/migrate.mjs'),
    "admin's migrate.ts (the chart's migrations job) is bundled too",
  );

  const outRoot = mkdtempSync(join(tmpdir(), 'koppel-bundles-'));
  t.teardown(() => rmSync(outRoot, { recursive: true, force: true }));
  const bundles = await bundleDeployables(entries, root, outRoot);
  t.equal(bundles.length, entries.length);
  for (const bundle of bundles) {
    const code = readFileSync(join(outRoot, bundle.outfile), 'utf8');
    t.notMatch(code, /(?:from|import\()\s*["']@koppel\//, `${bundle.outfile}: no @koppel import left`);
  }
  const ingest = readFileSync(join(outRoot, 'services/ingest/dist/main.mjs'), 'utf8');
  t.match(ingest, /from "fastify"/, 'fastify stays an import of node_modules');
  t.match(ingest, /from "kafkajs"/, 'kafkajs too');
  const map = JSON.parse(readFileSync(join(outRoot, 'services/ingest/dist/main.mjs.map'), 'utf8')) as {
    sources: string[];
  };
  t.same(
    map.sources.filter((source) => !/^\.\.\/(?:src|\.\.\/\.\.\/packages\/[a-z-]+\/src)\//.test(source)),
    [],
    'the source map leads from dist/ to the sources, wherever the bundle was written',
  );
  t.ok(map.sources.includes('../src/main.ts'), "the service's own main.ts among them");
});

t.test('the five stages run from their bundles and book every order once', async (t) => {
  const target = await startAsperionTarget();
  const infra = await openBenchInfra(target, 1000);
  const { processes, ports } = await startStages(infra, STAGES);
  t.teardown(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await infra.close();
    await target.close();
  });
  for (const process of processes) {
    const command = readFileSync(`/proc/${process.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    t.match(command.at(-1), /\.mjs$/, `${process.name} runs a bundle`);
    t.notOk(command.includes('tsx'), `${process.name} runs without tsx`);
  }

  const shotOf = await webhookShots(infra.webhookPath, 3);
  const orders = 12;
  const origin = `http://127.0.0.1:${ports.get('ingest')}`;
  for (let innerId = 1; innerId <= orders; innerId += 1) {
    const shot = shotOf(innerId);
    const response = await fetch(`${origin}${shot.path}`, {
      method: 'POST',
      headers: { 'content-type': shot.contentType },
      body: shot.body,
    });
    await response.arrayBuffer();
    t.equal(response.status, 202, `order ${innerId} accepted`);
  }
  const deadline = Date.now() + 90_000;
  while (target.invoiceCount() < orders && Date.now() < deadline) {
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
  }
  await new Promise((resolveDelay) => setTimeout(resolveDelay, 1000));
  const numbers = target.asperion.state().administrations[0]?.salesInvoices.map((i) => i.invoiceNumber) ?? [];
  t.equal(numbers.length, orders, `${orders} invoices`);
  t.equal(new Set(numbers).size, orders, 'none booked twice');
  const debtors = target.asperion.state().administrations[0]?.debtors ?? [];
  t.same(
    debtors
      .map((debtor) => debtor.emailAddress)
      .filter((email) => email.startsWith('bench-'))
      .sort(),
    ['bench-0@example.nl', 'bench-1@example.nl', 'bench-2@example.nl'],
    'one debtor per customer',
  );
});
