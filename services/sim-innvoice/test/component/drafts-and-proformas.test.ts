import t from 'tap';
import { call, createdOf, errorOf, invoiceFields, invoiceXml, startSim } from '../helpers.js';

const convertXml = (tableId: string, extra = '') =>
  `<proforma_invoices><proforma_invoice><TABLE_ID><![CDATA[${tableId}]]></TABLE_ID>${extra}</proforma_invoice></proforma_invoices>`;

t.test('a set-aside draft (Felretett=1) has no Sorszam and uses no number until finalised', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const draft = createdOf(
    (await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ Felretett: '1' })))).xml,
  );
  t.equal(draft.techid, '100001');
  t.notOk('Sorszam' in draft, 'no number on a draft');
  t.ok(draft.PrintUrl);
  const final = createdOf((await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()))).xml);
  t.equal(final.Sorszam, 'WEB-2025/00001', 'the draft consumed no number');

  const read = (await call(sim, 'GET', '/invoice/techid/100001')).xml.response as {
    invoice: Record<string, string>;
  };
  t.match(read.invoice, { Felretett: '1', Sorszam: '', Proforma: '0' });

  const finalised = await sim.app.inject({
    method: 'POST',
    url: '/_control/companies/koppeldemo/documents/100001/finalise',
  });
  t.equal(finalised.statusCode, 200);
  t.match(finalised.json(), { document: { draft: false, number: 'WEB-2025/00002' } });
  const again = await sim.app.inject({
    method: 'POST',
    url: '/_control/companies/koppeldemo/documents/100001/finalise',
  });
  t.equal(again.statusCode, 409);
});

t.test('proforma (Proforma=1): <proforma_invoice> without Sorszam, own TABLE_ID sequence', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
  const res = await call(
    sim,
    'POST',
    '/invoice',
    invoiceXml(invoiceFields({ Proforma: '1', SzamlatombID: '2' })),
  );
  t.equal(res.status, 200);
  t.notOk((res.xml.response as Record<string, unknown>).invoice, 'no <invoice> element');
  const proforma = createdOf(res.xml, 'proforma_invoice');
  t.match(proforma, { techid: '100002', TABLE_ID: '1' });
  t.notOk('Sorszam' in proforma);

  const converted = await call(
    sim,
    'POST',
    '/proforma_invoice',
    convertXml('1', '<SzamlatombID>1</SzamlatombID>'),
  );
  t.equal(converted.status, 200);
  const invoice = createdOf(converted.xml);
  t.match(invoice, { techid: '100003', TABLE_ID: '2', Sorszam: 'WEB-2025/00002' });
  const read = (await call(sim, 'GET', '/invoice/techid/100003')).xml.response as {
    invoice: Record<string, string>;
  };
  t.match(read.invoice, { DijbekeroTechid: '100002', VevoNev: 'Gipsz Jakab', BruttoOsszeg: '7990' });
  const source = (await call(sim, 'GET', '/invoice/techid/100002')).xml.response as {
    invoice: Record<string, string>;
  };
  t.match(source.invoice, { Proforma: '1', SzamlaTechid: '100003' });

  const twice = await call(sim, 'POST', '/proforma_invoice', convertXml('1'));
  t.equal(twice.status, 409);
  t.match(errorOf(twice.xml), { code: '409', message: /már készült számla \(100003\)/ });
});

t.test('proforma conversion errors: missing TABLE_ID, unknown TABLE_ID, unknown pad, bad XML', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ Proforma: '1' })));
  const missing = await call(sim, 'POST', '/proforma_invoice', convertXml(''));
  t.same(errorOf(missing.xml), { code: '101', message: 'Hiányzó kötelező mező: TABLE_ID' });
  const unknown = await call(sim, 'POST', '/proforma_invoice', convertXml('42'));
  t.equal(unknown.status, 404);
  const pad = await call(sim, 'POST', '/proforma_invoice', convertXml('1', '<SzamlatombID>7</SzamlatombID>'));
  t.equal(errorOf(pad.xml).code, '102');
  const bad = await call(sim, 'POST', '/proforma_invoice', '<invoices><invoice/></invoices>');
  t.equal(errorOf(bad.xml).code, '100');
  const doc = sim.state().companies[0]?.documents.find((d) => d.kind === 'proforma');
  t.equal(doc?.convertedToTechId, null, 'nothing converted');
});

t.test(
  'customers: buyers are upserted into the partner register (by tax number, else e-mail, else name)',
  async (t) => {
    const sim = await startSim();
    t.teardown(() => sim.app.close());
    const company = { VevoNev: 'Minta Kft.', VevoAdoszam: '11223344-2-41' };
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields(company)));
    const moved = { ...company, VevoUtcaHsz: 'Új utca 5.' };
    const second = createdOf(
      (await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ ...moved, Proforma: '1' })))).xml,
      'proforma_invoice',
    );
    await call(
      sim,
      'POST',
      '/invoice',
      invoiceXml(invoiceFields({ VevoEmail: 'anna@example.hu', VevoNev: 'Kiss Anna' })),
    );
    await call(
      sim,
      'POST',
      '/invoice',
      invoiceXml(invoiceFields({ VevoEmail: 'ANNA@example.hu', VevoNev: 'Kiss Anna' })),
    );
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));

    const res = await sim.app.inject({ url: '/_control/companies/koppeldemo/partners' });
    const partners = (
      res.json() as { partners: { id: number; name: string; street: string; documentTechIds: string[] }[] }
    ).partners;
    t.same(
      partners.map((p) => [p.id, p.name, p.documentTechIds.length]),
      [
        [1, 'Minta Kft.', 2],
        [2, 'Kiss Anna', 2],
        [3, 'Gipsz Jakab', 1],
      ],
    );
    t.equal(partners[0]?.street, 'Új utca 5.', 'newest address wins');
    const read = (await call(sim, 'GET', `/invoice/techid/${second.techid}`)).xml.response as {
      invoice: Record<string, string>;
    };
    t.equal(read.invoice.PartnerID, '1');
  },
);

t.test('a batch conversion with one already-converted proforma converts nothing', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ Proforma: '1' })));
  await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ Proforma: '1' })));
  await call(sim, 'POST', '/proforma_invoice', convertXml('1'));
  const batch = (ids: string[]) =>
    `<proforma_invoices>${ids.map((id) => `<proforma_invoice><TABLE_ID>${id}</TABLE_ID></proforma_invoice>`).join('')}</proforma_invoices>`;
  const refused = await call(sim, 'POST', '/proforma_invoice', batch(['2', '1']));
  t.equal(refused.status, 409);
  const duplicate = await call(sim, 'POST', '/proforma_invoice', batch(['2', '2']));
  t.equal(duplicate.status, 409);
  const proformas = sim.state().companies[0]?.documents.filter((d) => d.kind === 'proforma') ?? [];
  t.same(
    proformas.map((p) => p.convertedToTechId),
    ['100003', null],
  );
});

t.test(
  'control API: documents filtered by kind and draft, marking paid as the Simple IPN would',
  async (t) => {
    const sim = await startSim();
    t.teardown(() => sim.app.close());
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ Proforma: '1' })));
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ Felretett: '1' })));
    const list = async (query: string) =>
      (
        (await sim.app.inject({ url: `/_control/companies/koppeldemo/documents${query}` })).json() as {
          documents: { techId: string }[];
        }
      ).documents.map((d) => d.techId);
    t.same(await list(''), ['100001', '100002', '100003']);
    t.same(await list('?kind=proforma'), ['100002']);
    t.same(await list('?kind=invoice&draft=true'), ['100003']);
    t.equal(
      (await sim.app.inject({ url: '/_control/companies/koppeldemo/documents?kind=storno' })).statusCode,
      400,
    );
    t.equal((await sim.app.inject({ url: '/_control/companies/nobody/documents' })).statusCode, 404);

    const paid = await sim.app.inject({
      method: 'POST',
      url: '/_control/companies/koppeldemo/documents/100002/paid',
    });
    t.match(paid.json(), { document: { paid: true } });
    const read = (await call(sim, 'GET', '/invoice/techid/100002')).xml.response as {
      invoice: Record<string, string>;
    };
    t.equal(read.invoice.Fizetve, '1');
    const missing = await sim.app.inject({
      method: 'POST',
      url: '/_control/companies/koppeldemo/documents/1/paid',
    });
    t.equal(missing.statusCode, 404);
  },
);
