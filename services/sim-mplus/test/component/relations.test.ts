import t from 'tap';
import { createRelation, list, soap, soapOk, startSim } from './helpers.js';

t.test('createRelation numbers from 1001; findRelation by e-mail reads it back', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const created = await soapOk(sim, 'createRelation', {
    relation: {
      companyName: 'Jansen BV',
      contact: 'P. Jansen',
      name: 'Jansen BV',
      address: 'Kerkstraat 12',
      zipcode: '1234 AB',
      city: 'Utrecht',
      country: 'NL',
      email: 'info@jansen.nl',
      vatNumber: 'NL001234567B01',
      paymentWithinDays: 14,
    },
  });
  t.match(created, { result: 'CREATE-RELATION-RESULT-OK', relationNumber: '1001', errorMessage: '' });
  t.match(created.changeTimestamp, { year: /^\d{4}$/, mon: /^\d+$/, timezone: '0' });
  t.equal(created.syncMarker, '1');
  t.equal(await createRelation(sim, { name: 'Piet Person', email: 'piet@example.nl' }), 1002);

  const found = await soapOk(sim, 'findRelation', { relation: { email: 'INFO@Jansen.nl' } });
  t.equal(found.result, 'FIND-RELATION-RESULT-OK', 'e-mail compared case-insensitively');
  t.match(found.relation, {
    relationNumber: '1001',
    companyName: 'Jansen BV',
    contact: 'P. Jansen',
    address: 'Kerkstraat 12',
    zipcode: '1234 AB',
    email: 'info@jansen.nl',
    paymentWithinDays: '14',
    active: 'true',
  });

  const missing = await soapOk(sim, 'findRelation', { relation: { email: 'nobody@example.nl' } });
  t.same(missing, { result: 'FIND-RELATION-RESULT-NOT-FOUND' });
  const noCriteria = await soapOk(sim, 'findRelation', { relation: { city: 'Utrecht' } });
  t.equal(noCriteria.result, 'FIND-RELATION-RESULT-NOT-FOUND', 'city is not a search field');

  const byNumber = await soapOk(sim, 'getRelation', { relationNumber: 1002 });
  t.match(byNumber, { result: 'GET-RELATION-RESULT-OK', relation: { name: 'Piet Person' } });
  t.equal((await soapOk(sim, 'getRelation', { relationNumber: 9 })).result, 'GET-RELATION-RESULT-NOT-FOUND');
});

t.test('createRelation business failures come back as results, not faults', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const nameless = await soapOk(sim, 'createRelation', { relation: { email: 'x@example.nl' } });
  t.equal(nameless.result, 'CREATE-RELATION-RESULT-FAILED');
  t.match(nameless.errorMessage, /name or a companyName/);
  // `<relation/>`: every Relation child is minOccurs=0, so an empty element is schema-valid.
  const empty = await soapOk(sim, 'createRelation', { relation: {} });
  t.equal(empty.result, 'CREATE-RELATION-RESULT-FAILED', 'an empty relation is a business failure');
  const findEmpty = await soapOk(sim, 'findRelation', { relation: {} });
  t.equal(findEmpty.result, 'FIND-RELATION-RESULT-NOT-FOUND', 'no search field: not found, no fault');

  t.equal(await createRelation(sim, { relationNumber: 5000, name: 'Chosen number' }), 5000);
  const taken = await soapOk(sim, 'createRelation', { relation: { relationNumber: 5000, name: 'Again' } });
  t.equal(taken.result, 'CREATE-RELATION-RESULT-FAILED-RELATION-NUMBER-ALREADY-TAKEN');
  t.equal(await createRelation(sim, { name: 'Next' }), 5001, 'numbering continues after the highest');
  const state = (await sim.app.inject({ url: '/_control/relations' })).json() as { relations: unknown[] };
  t.equal(state.relations.length, 2, 'failed creates stored nothing');
});

t.test('schema violations in a relation are SOAP faults naming the element', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const noRelation = await soap(sim, 'createRelation', {});
  t.equal(noRelation.status, 500);
  t.equal(noRelation.fault?.faultcode, 'SOAP-ENV:Client');
  t.match(noRelation.fault?.faultstring, /createRelation\/relation/);

  const badNumber = await soap(sim, 'createRelation', { relation: { relationNumber: 'ABC', name: 'X' } });
  t.equal(badNumber.status, 500);
  t.match(badNumber.fault?.faultstring, /xsd:long.*createRelation\/relation\/relationNumber/);

  const badVat = await soap(sim, 'createRelation', { relation: { name: 'X', defaultVatMethod: 'VAT-21' } });
  t.match(badVat.fault?.faultstring, /VatMethod.*defaultVatMethod/);
});

t.test('updateRelation merges the sent fields and moves the sync marker', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const number = await createRelation(sim, { name: 'Piet', email: 'piet@example.nl', city: 'Utrecht' });
  const updated = await soapOk(sim, 'updateRelation', {
    relation: { relationNumber: number, city: 'Amersfoort', telephone: '0331234567' },
  });
  t.match(updated, { result: 'UPDATE-RELATION-RESULT-OK', syncMarker: '2' });
  const read = await soapOk(sim, 'getRelation', { relationNumber: number });
  t.match(read.relation, {
    name: 'Piet',
    email: 'piet@example.nl',
    city: 'Amersfoort',
    telephone: '0331234567',
  });

  const unknown = await soapOk(sim, 'updateRelation', { relation: { relationNumber: 7777, name: 'X' } });
  t.equal(unknown.result, 'UPDATE-RELATION-RESULT-NOT-FOUND');
  const noNumber = await soapOk(sim, 'updateRelation', { relation: { name: 'X' } });
  t.equal(noNumber.result, 'UPDATE-RELATION-RESULT-FAILED');
});

t.test('getRelations pages by syncMarker and syncMarkerLimit', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  for (const name of ['A', 'B', 'C', 'D', 'E']) await createRelation(sim, { name });
  const first = await soapOk(sim, 'getRelations', { request: { syncMarker: 0, syncMarkerLimit: 2 } });
  const page1 = list((first.relationList as { relation?: unknown }).relation);
  t.same(
    page1.map((r) => r.name),
    ['A', 'B'],
  );
  const marker = page1.at(-1)?.syncMarker;
  t.equal(marker, '2');
  const next = await soapOk(sim, 'getRelations', {
    request: { syncMarker: Number(marker), syncMarkerLimit: 2 },
  });
  t.same(
    list((next.relationList as { relation?: unknown }).relation).map((r) => r.name),
    ['C', 'D'],
  );
  await soapOk(sim, 'updateRelation', { relation: { relationNumber: 1001, city: 'Zeist' } });
  const changed = await soapOk(sim, 'getRelations', { request: { syncMarker: 5 } });
  t.same(
    list((changed.relationList as { relation?: unknown }).relation).map((r) => r.name),
    ['A'],
    'an updated relation comes back after the last marker',
  );
  const byNumbers = await soapOk(sim, 'getRelations', {
    request: { relationNumbers: { relationNumbers: [1002, 1004] } },
  });
  t.same(
    list((byNumbers.relationList as { relation?: unknown }).relation).map((r) => r.relationNumber),
    ['1002', '1004'],
  );
});
