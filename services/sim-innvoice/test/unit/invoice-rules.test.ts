import t from 'tap';
import { buildDocument } from '../../src/domain/invoice-rules.js';
import { DEFAULT_SEED } from '../../src/domain/seed-data.js';
import { InnvoiceSeedSchema } from '../../src/domain/seed-schema.js';
import { stateFromSeed } from '../../src/domain/state.js';
import { invoiceFields } from '../helpers.js';

const company = () => {
  const c = stateFromSeed(InnvoiceSeedSchema.parse(DEFAULT_SEED)).companies[0];
  if (!c) throw new Error('default seed has no company');
  return c;
};

t.test('defaults: country HU, currency Ft, due date = issue date, payment method átutalás', async (t) => {
  const fields = invoiceFields({
    VevoOrszag: undefined,
    Devizanem: undefined,
    Hatarido: undefined,
    FizetesiMod: undefined,
    Fizetve: undefined,
  });
  const built = buildDocument(fields, company());
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  t.match(built.value, {
    kind: 'invoice',
    draft: false,
    buyer: { country: 'HU' },
    currency: 'Ft',
    dueDate: '2025-08-23',
    paymentMethod: 'átutalás',
    paid: false,
  });
  t.equal(built.value.lines[0]?.unit, 'db');
});

t.test('every problem is reported at once, each naming its field', async (t) => {
  const built = buildDocument(
    invoiceFields({ VevoNev: '', VevoIrsz: undefined, SzamlaKelte: 'tegnap', Brutto: '2', Proforma: 'x' }),
    company(),
  );
  t.equal(built.ok, false);
  if (built.ok) return;
  t.same(
    built.issues.map((i) => [i.code, i.field]),
    [
      ['missingField', 'VevoNev'],
      ['missingField', 'VevoIrsz'],
      ['invalidField', 'SzamlaKelte'],
      ['invalidField', 'Proforma'],
      ['invalidField', 'Brutto'],
    ],
  );
});

t.test('Hungarian and EU tax numbers are accepted', async (t) => {
  for (const taxNumber of ['12345678-1-27', 'DE123456789', 'ATU12345678']) {
    t.ok(buildDocument(invoiceFields({ VevoAdoszam: taxNumber }), company()).ok, taxNumber);
  }
  t.notOk(buildDocument(invoiceFields({ VevoAdoszam: '1234567812' }), company()).ok);
});
