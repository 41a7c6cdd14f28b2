import t from 'tap';
import { call, createdOf, errorOf, invoiceFields, invoiceXml, startSim } from '../helpers.js';

const documents = async (sim: Awaited<ReturnType<typeof startSim>>) =>
  (await sim.app.inject({ url: '/_control/companies/koppeldemo/documents' })).json() as {
    documents: { techId: string; emailRequested: boolean; emailedTo: string | null }[];
  };

t.test('EmailKuldes=1 e-mails a final invoice or proforma to VevoEmail', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const fields = { EmailKuldes: '1', VevoEmail: 'jakab@example.hu' };
  const invoice = createdOf((await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields(fields)))).xml);
  const proforma = createdOf(
    (await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ ...fields, Proforma: '1' })))).xml,
    'proforma_invoice',
  );
  const plain = createdOf(
    (await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ VevoEmail: 'x@example.hu' })))).xml,
  );
  const byId = new Map((await documents(sim)).documents.map((d) => [d.techId, d]));
  t.equal(byId.get(String(invoice.techid))?.emailedTo, 'jakab@example.hu');
  t.equal(byId.get(String(proforma.techid))?.emailedTo, 'jakab@example.hu');
  t.equal(byId.get(String(plain.techid))?.emailedTo, null, 'no flag, no e-mail');
  const read = (await call(sim, 'GET', `/invoice/techid/${invoice.techid}`)).xml.response as {
    invoice: Record<string, string>;
  };
  t.match(read.invoice, { EmailKuldes: '1', EmailCim: 'jakab@example.hu' });
});

t.test('a set-aside draft is never e-mailed, even with the flag', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const draft = createdOf(
    (
      await call(
        sim,
        'POST',
        '/invoice',
        invoiceXml(invoiceFields({ EmailKuldes: '1', VevoEmail: 'jakab@example.hu', Felretett: '1' })),
      )
    ).xml,
  );
  const doc = (await documents(sim)).documents.find((d) => d.techId === String(draft.techid));
  t.match(doc, { emailRequested: true, emailedTo: null });
});

t.test('the flag needs the buyer e-mail and is 0 or 1', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const missing = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ EmailKuldes: '1' })));
  t.equal(missing.status, 400);
  t.match(errorOf(missing.xml), { code: '101', message: /VevoEmail/ });
  const wrong = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ EmailKuldes: 'igen' })));
  t.match(errorOf(wrong.xml), { code: '102', message: /EmailKuldes/ });
});
