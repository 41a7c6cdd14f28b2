import t from 'tap';
import { call, invoiceFields, invoiceXml, startSim, type Xml } from '../helpers.js';

type Keszlet = { RaktarID: string; RaktarNev: string; Raktar_Keszlet: string };
type ProductXml = {
  Nev: string;
  CikkSzam: string;
  EAN: string;
  Arak: {
    Ar: { ArcsoportID: string; Arcsoport_Ar: string } | { ArcsoportID: string; Arcsoport_Ar: string }[];
  };
  Keszletek: { Keszlet: Keszlet | Keszlet[] };
};
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const products = (xml: Xml): ProductXml[] =>
  list((xml.response as { product?: ProductXml | ProductXml[] }).product);
const stockOf = (p: ProductXml | undefined) =>
  Object.fromEntries(list(p?.Keszletek.Keszlet).map((k) => [k.RaktarID, k.Raktar_Keszlet]));

t.test('GET product lists name, SKU, EAN, price-group prices and stock per warehouse', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const res = await call(sim, 'GET', '/product');
  t.equal(res.status, 200);
  const all = products(res.xml);
  t.same(
    all.map((p) => p.CikkSzam),
    ['TSHIRT-BLK-M', 'MUG-001', 'BOOK-HU-01'],
  );
  const shirt = all[0];
  t.match(shirt, { Nev: 'Póló fekete M', EAN: '5999000000011' });
  t.same(
    list(shirt?.Arak.Ar).map((a) => [a.ArcsoportID, a.Arcsoport_Ar]),
    [
      ['1', '7990'],
      ['2', '5000'],
    ],
  );
  t.same(stockOf(shirt), { '1': '25', '2': '3' });
  t.match(list(shirt?.Keszletek.Keszlet)[0], { RaktarNev: 'Központi raktár' });

  const one = products((await call(sim, 'GET', '/product?CikkSzam=MUG-001')).xml);
  t.same(
    one.map((p) => p.CikkSzam),
    ['MUG-001'],
  );
  t.same(products((await call(sim, 'GET', '/product?CikkSzam=NOPE')).xml), []);
});

t.test(
  'a final invoice takes stock by SKU from the chosen warehouse; unknown SKUs, drafts and proformas move none',
  async (t) => {
    const sim = await startSim();
    t.teardown(() => sim.app.close());
    const lines = {
      TetelNev: undefined,
      AfaSzoveg: undefined,
      EgysegAr: undefined,
      Mennyiseg: undefined,
      TetelNev1: 'Póló',
      AfaSzoveg1: '27%',
      EgysegAr1: '7990',
      Mennyiseg1: '2',
      CikkSzam1: 'TSHIRT-BLK-M',
      TetelNev2: 'Ismeretlen',
      AfaSzoveg2: '27%',
      EgysegAr2: '100',
      Mennyiseg2: '1',
      CikkSzam2: 'NOT-IN-INNVOICE',
    };
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields(lines)));
    await call(
      sim,
      'POST',
      '/invoice',
      invoiceXml(invoiceFields({ ...lines, RaktarID: '2', Mennyiseg1: '1' })),
    );
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ ...lines, Felretett: '1' })));
    await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ ...lines, Proforma: '1' })));
    const shirt = products((await call(sim, 'GET', '/product?CikkSzam=TSHIRT-BLK-M')).xml)[0];
    t.same(stockOf(shirt), { '1': '23', '2': '2' });
    t.equal(sim.state().companies[0]?.products.length, 3, 'unknown SKU created no product');

    await sim.app.inject({ method: 'POST', url: '/_control/companies/koppeldemo/documents/100003/finalise' });
    const afterDraft = products((await call(sim, 'GET', '/product?CikkSzam=TSHIRT-BLK-M')).xml)[0];
    t.same(stockOf(afterDraft), { '1': '21', '2': '2' }, 'finalising the draft moves its stock');

    const badWarehouse = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields({ RaktarID: '9' })));
    t.equal(badWarehouse.status, 400);
  },
);

t.test('stock set through the control API shows up in GET product (decimals kept)', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const set = await sim.app.inject({
    method: 'PUT',
    url: '/_control/companies/koppeldemo/products/MUG-001/stock',
    payload: { warehouseId: 2, quantity: 4.5 },
  });
  t.equal(set.statusCode, 200);
  t.same(stockOf(products((await call(sim, 'GET', '/product?CikkSzam=MUG-001')).xml)[0]), {
    '1': '0',
    '2': '4.5',
  });
  const unknown = await sim.app.inject({
    method: 'PUT',
    url: '/_control/companies/koppeldemo/products/MUG-001/stock',
    payload: { warehouseId: 9, quantity: 1 },
  });
  t.equal(unknown.statusCode, 400);
  const invalid = await sim.app.inject({
    method: 'PUT',
    url: '/_control/companies/koppeldemo/products/MUG-001/stock',
    payload: { warehouseId: 1 },
  });
  t.equal(invalid.statusCode, 400);
});
