import { VatRounding } from '@koppel/contracts';
import { computeTotals } from '@koppel/order-model';
import t from 'tap';
import { mapInvoice, toForint, toInvoiceRecord } from '../../src/index.js';
import {
  book,
  bread,
  coupon,
  makeOrder,
  makeSettings,
  paymentFee,
  shipping,
  shirt,
} from '../fixtures/order-fixtures.js';

const settings = makeSettings();

t.test('a 5000 Ft gross line at 5 % (net 4761.9048) becomes a 5000 Ft gross line', async (t) => {
  const line = book(1);
  t.equal(line.unitPriceNet, 476190n, 'net kept to the fillér (4761.90)');
  const draft = mapInvoice(makeOrder({ lines: [line] }), settings);
  t.match(draft.lines[0], {
    vatLabel: '5%',
    unitPrice: 500000n,
    quantity: 1,
    gross: 5000n,
    vat: 238n,
    net: 4762n,
  });
  t.equal(draft.lines.length, 1, 'no rounding line needed');
});

for (const quantity of [1, 10, 50]) {
  t.test(
    `quantity ${quantity}, mixed 27/18/5 %, shipping, payment fee, coupon: totals equal the shop's`,
    async (t) => {
      const order = makeOrder({
        lines: [shirt(quantity), bread(quantity), book(quantity), shipping(), paymentFee(), coupon(-99000n)],
      });
      const shop = computeTotals(order.lines, VatRounding.PER_LINE);
      const draft = mapInvoice(order, settings);
      t.equal(draft.gross, toForint(shop.gross), 'gross to the forint');
      // InnVoice rounds VAT per line to the forint (the HU rule); the shop's fillér VAT rounded once
      // may differ by at most half a forint per line.
      const vatDiff = draft.vat - toForint(shop.vat);
      t.ok(vatDiff <= 3n && vatDiff >= -3n, `VAT within per-line forint rounding (${vatDiff} Ft)`);
      t.equal(draft.net + draft.vat, draft.gross, 'net + VAT = gross');
      t.same(
        draft.categories.map((c) => c.vatLabel).sort(),
        [...new Set(draft.lines.map((l) => l.vatLabel))].sort(),
        'one VAT category per label',
      );
      const lineSum = draft.lines.reduce((s, l) => s + l.gross, 0n);
      t.equal(lineSum, draft.gross, 'the lines add up to the total');
    },
  );
}

t.test('a difference the conversion leaves is an explicit rounding line, never silent', async (t) => {
  // 3 × 333.33 Ft gross at 27 %: the shop's gross 999.99 Ft is 1000 Ft, the line 1000 Ft too;
  // a 1/3-forint unit price over 7 units leaves a forint that must show.
  const odd = [
    { ...shirt(7), totalGross: 233333n, totalNet: 183727n, vatAmount: 49606n },
    { ...bread(1), totalGross: 50n, totalNet: 42n, vatAmount: 8n },
  ];
  const order = makeOrder({ lines: odd });
  order.totals = { ...computeTotals(odd, VatRounding.PER_LINE), gross: 233483n };
  const draft = mapInvoice(order, settings);
  const rounding = draft.lines.find((l) => l.rounding);
  t.ok(rounding, 'a rounding line is added');
  t.match(rounding, { name: 'Kerekítés', vatLabel: '0% - ÁTK', vat: 0n });
  t.equal(draft.gross, toForint(233483n), 'and the total is the shop total');
});

t.test('exemption labels', async (t) => {
  const zero = () => [
    { ...shirt(1), vatRateBp: 0, vatAmount: 0n, totalGross: 629134n, unitPriceGross: 629134n },
  ];
  const kba = mapInvoice(
    makeOrder({ lines: zero(), companyName: 'Muster GmbH', vatNumber: 'DE123456789', country: 'DE' }),
    settings,
  );
  t.equal(kba.lines[0]?.vatLabel, '0% - KBA', 'EU business buyer with VAT number: intra-EU supply');
  t.equal(kba.buyer.taxNumber, 'DE123456789');
  const eam = mapInvoice(makeOrder({ lines: zero(), country: 'US' }), settings);
  t.equal(eam.lines[0]?.vatLabel, '0% - EAM', 'outside the EU: export');
  t.throws(() => mapInvoice(makeOrder({ lines: zero() }), settings), { code: 'VAT_RATE_NOT_SUPPORTED' });
  const aam = mapInvoice(makeOrder({ lines: zero() }), makeSettings({ domesticZeroVatLabel: '0% - AAM' }));
  t.equal(aam.lines[0]?.vatLabel, '0% - AAM', 'domestic 0 %: the connection label');
  const nl = [{ ...shirt(1), vatRateBp: 2100 }];
  t.throws(() => mapInvoice(makeOrder({ lines: nl }), settings), {
    code: 'VAT_RATE_NOT_SUPPORTED',
    field: 'order.lines[0].vatRateBp',
    message: /at 21 % for a buyer in HU, which is not a Hungarian VAT rate.*correct the product's VAT rate/,
    retryable: false,
  });
});

t.test('reverse charge is decided by the shared EU VAT-number rule (@koppel/order-model)', async (t) => {
  const zero = () => [
    { ...shirt(1), vatRateBp: 0, vatAmount: 0n, totalGross: 629134n, unitPriceGross: 629134n },
  ];
  const greek = mapInvoice(
    makeOrder({ lines: zero(), companyName: 'Acme AE', vatNumber: 'el 123.456.789', country: 'GR' }),
    settings,
  );
  t.equal(greek.lines[0]?.vatLabel, '0% - KBA', "Greece's EL prefix");
  t.equal(greek.buyer.taxNumber, 'EL123456789', 'the VAT number as VIES writes it');
  const wrongCountry = makeOrder({
    lines: zero(),
    companyName: 'Muster GmbH',
    vatNumber: 'ATU12345678',
    country: 'DE',
  });
  t.throws(
    () => mapInvoice(wrongCountry, settings),
    {
      code: 'VAT_RATE_NOT_SUPPORTED',
      message: /at 0 % for a buyer in DE and needs an exemption label/,
    },
    "another state's VAT number is no reverse charge",
  );
  const hungarian = makeOrder({ lines: zero(), companyName: 'Minta Kft.', vatNumber: 'HU12345678' });
  t.equal(
    mapInvoice(hungarian, makeSettings({ domesticZeroVatLabel: '0% - AAM' })).lines[0]?.vatLabel,
    '0% - AAM',
    'a Hungarian company at 0 % is no intra-EU supply',
  );
});

t.test('drafts are never e-mailed; final documents are when the connection says so', async (t) => {
  const order = makeOrder();
  const draft = toInvoiceRecord(
    mapInvoice(order, makeSettings({ emailDocument: true, finalisation: 'draft' })),
  );
  t.match(draft, { Felretett: '1', EmailKuldes: '0' });
  const proformaDraft = toInvoiceRecord(
    mapInvoice(order, makeSettings({ emailDocument: true, finalisation: 'draft', documentType: 'proforma' })),
  );
  t.match(proformaDraft, { Felretett: '1', Proforma: '1', EmailKuldes: '0' });
  const final = toInvoiceRecord(mapInvoice(order, makeSettings({ emailDocument: true })));
  t.match(final, { Felretett: '0', EmailKuldes: '1', VevoEmail: 'jakab@gipsz.example' });
  const off = toInvoiceRecord(mapInvoice(order, settings));
  t.equal(off.EmailKuldes, '0');
});

t.test('record: lines suffixed, gross prices, SKUs and warehouse only when stock moves', async (t) => {
  const order = makeOrder();
  const plain = toInvoiceRecord(mapInvoice(order, settings));
  t.match(plain, {
    VevoNev: 'Gipsz Jakab',
    VevoIrsz: '1119',
    VevoUtcaHsz: 'Próba utca 2.',
    SzamlaKelte: '2025.08.23.',
    Hatarido: '2025.08.31.',
    Devizanem: 'Ft',
    TetelNev1: 'Póló fekete M',
    AfaSzoveg1: '27%',
    Brutto1: '1',
    EgysegAr1: '7990',
    EgysegAr2: '5000',
    Mennyiseg2: '2',
  });
  t.notOk('CikkSzam1' in plain || 'RaktarID' in plain, 'no SKU, no stock');
  const stocked = toInvoiceRecord(mapInvoice(order, makeSettings({ stockWarehouseId: 2 })));
  t.match(stocked, { RaktarID: '2', CikkSzam1: 'TSHIRT-BLK-M', CikkSzam2: 'BOOK-HU-01' });
  t.notOk('CikkSzam3' in stocked, 'shipping has no SKU');
});

t.test('refusals before any call', async (t) => {
  t.throws(() => mapInvoice(makeOrder({ currency: 'EUR' }), settings), { code: 'CURRENCY_NOT_SUPPORTED' });
  const order = makeOrder();
  order.totals = { ...order.totals!, gross: order.totals!.gross + 500n };
  t.throws(() => mapInvoice(order, settings), { code: 'VALIDATION_FAILED', field: 'order.totals' });
});
