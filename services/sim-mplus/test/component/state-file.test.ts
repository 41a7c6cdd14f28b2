import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildMplusSimulator } from '../../src/app.js';
import { createRelation, type Json, seedCatalog, soapOk, startSim } from './helpers.js';

t.test('state survives a restart through the state file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-mplus-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'nested', 'mplus.json');

  const first = await startSim({ stateFile });
  await seedCatalog(first);
  const relationNumber = await createRelation(first, { name: 'Blijft BV', email: 'blijft@example.nl' });
  const created = await soapOk(first, 'createOrder', {
    order: {
      extOrderId: 'WEB-PERSIST',
      employeeNumber: 999999,
      relationNumber,
      financialDate: { day: 2, mon: 1, year: 2025 },
      lineList: { line: { articleNumber: 100234, data: { quantity: 1 } } },
    },
  });
  await first.app.close();
  const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { orders: unknown[]; relations: unknown[] };
  t.equal(saved.orders.length, 1);
  t.equal(saved.relations.length, 1);

  const second = await startSim({ stateFile });
  t.teardown(() => second.app.close());
  const found = await soapOk(second, 'findOrder', { extOrderId: 'WEB-PERSIST' });
  t.match(found, { result: 'GET-ORDER-RESULT-OK', order: { orderId: (created.info as Json).orderId } });
  const relation = await soapOk(second, 'findRelation', { relation: { email: 'blijft@example.nl' } });
  t.equal(relation.result, 'FIND-RELATION-RESULT-OK');
  t.equal(await createRelation(second, { name: 'Next' }), relationNumber + 1, 'numbering continues');
  const again = await soapOk(second, 'createOrder', {
    order: {
      extOrderId: 'WEB-PERSIST-2',
      employeeNumber: 999999,
      relationNumber,
      financialDate: { day: 3, mon: 1, year: 2025 },
      lineList: { line: { articleNumber: 100234, data: { quantity: 1 } } },
    },
  });
  t.equal((again.info as Json).orderString, '2025-2', 'order numbering continues');
  const dup = await soapOk(second, 'createOrder', {
    order: {
      extOrderId: 'WEB-PERSIST',
      employeeNumber: 999999,
      relationNumber,
      lineList: { line: { articleNumber: 100234, data: { quantity: 1 } } },
    },
  });
  t.equal(dup.result, 'CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS', 'uniqueness survives too');
});

t.test('a file that is not a sim-mplus state is refused at start', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-mplus-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'other.json');
  writeFileSync(stateFile, JSON.stringify({ administrations: [] }));
  t.throws(() => buildMplusSimulator({ stateFile }), /is not a sim-mplus state/);
});
