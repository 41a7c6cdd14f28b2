/**
 * Issue 10 acceptance: every shared HUF fixture (@koppel/acceptance-orders) through
 * prepareDocument with an offline session. InnVoice books whole forints: the document's gross is
 * the shop's converted once to forints, any difference the conversion leaves is the explicit
 * rounding line, and VAT differs from the shop's only by InnVoice's per-line forint rounding.
 * Reverse charge: `0% - KBA` on every line and the buyer's EU VAT number (`VevoAdoszam`). OSS:
 * InnVoice's labels know only the Hungarian rates, so a destination rate is refused before any
 * call, naming the line's rate. Euro (HU_EUR_FIXTURES, `currencies` with EUR): `Devizanem` EUR and
 * every amount to the cent, no rounding line.
 */
import { HU_EUR_FIXTURES, HUF_FIXTURES } from '@koppel/acceptance-orders';
import type { SessionServices } from '@koppel/connector-sdk';
import t from 'tap';
import { type InnvoiceSession, innvoiceConnector, mapInvoice, toForint } from '../../src/index.js';
import { makeSettings } from '../fixtures/order-fixtures.js';

const forbidden = () => {
  throw new Error('prepareDocument made a call');
};
const services: SessionServices = {
  saveCredentials: forbidden,
  withCredentialsLock: forbidden,
  fetch: forbidden,
  now: forbidden,
  requestTimeoutMs: 1000,
};
const settings = makeSettings();
const openSession = (s: typeof settings): InnvoiceSession =>
  innvoiceConnector.openSession(
    {
      connectionId: 'acceptance',
      tenantId: 'acceptance',
      settings: s,
      credentials: { username: 'koppel', password: 'secret' },
    },
    services,
  );
const session = openSession(settings);
/** The OSS refusal names the rate, the buyer's country, why, and what the shop owner does instead. */
const ossRefusal = (country: string) =>
  new RegExp(
    `at 19 % for a buyer in ${country}.*\\(OSS\\).*only 27%, 18%, 5% and the 0 % exemption categories.*Issue its invoice by hand`,
  );
const euroSettings = makeSettings({ currencies: ['HUF', 'EUR'] });
const euroSession = openSession(euroSettings);

for (const fixture of HUF_FIXTURES) {
  t.test(`${fixture.name}: ${fixture.description}`, async (t) => {
    const vat = fixture.vat;
    if (vat.kind === 'oss') {
      t.throws(() => innvoiceConnector.prepareDocument(fixture.order, session), {
        code: 'VAT_RATE_NOT_SUPPORTED',
        field: 'order.lines[0].vatRateBp',
        message: ossRefusal(vat.countryCode),
        details: { country: vat.countryCode, oss: true },
        retryable: false,
      });
      return;
    }
    const record = innvoiceConnector.prepareDocument(fixture.order, session).body;
    const draft = mapInvoice(fixture.order, settings);
    const rounding = draft.lines.filter((l) => l.rounding);
    t.equal(draft.gross, toForint(fixture.shop.gross), 'gross to the forint');
    t.equal(draft.net + draft.vat, draft.gross, 'net + VAT = gross');
    t.equal(
      draft.lines.reduce((s, l) => s + l.gross, 0n),
      draft.gross,
      `the lines add up to the total (${rounding.length} rounding line(s))`,
    );
    t.ok(
      rounding.length <= 1 && rounding.every((l) => l.vat === 0n),
      'at most one rounding line, without VAT',
    );
    const products = draft.lines.filter((l) => !l.rounding);
    t.equal(products.length, fixture.order.lines.length, 'one document line per order line');
    // Per line, VAT = gross × r / (100 + r) rounded to the forint: at most ½ Ft per line from the shop's.
    const vatDiff = draft.vat - toForint(fixture.shop.vat);
    const bound = BigInt(Math.ceil(products.length / 2));
    t.ok(vatDiff <= bound && vatDiff >= -bound, `VAT within per-line forint rounding (${vatDiff} Ft)`);
    if (vat.kind === 'reverse-charge') {
      t.same(new Set(products.map((l) => l.vatLabel)), new Set(['0% - KBA']), 'intra-EU B2B label');
      t.equal(record.VevoAdoszam, vat.customerVatNumber, "the buyer's VAT number on the document");
    } else {
      t.ok(
        products.every((l) => ['27%', '18%', '5%'].includes(l.vatLabel)),
        'Hungarian rates',
      );
    }
  });
}

t.test('the Shoprenter 5000 Ft line at 5 % stays 5000 Ft a unit at every quantity', async (t) => {
  const fixture = HUF_FIXTURES.find((f) => f.name === 'hu-shoprenter-4-decimals');
  const draft = mapInvoice(fixture!.order, settings);
  t.same(
    draft.lines.map((l) => [l.quantity, l.unitPrice, l.gross]),
    [
      [1, 500000n, 5000n],
      [10, 500000n, 50000n],
      [50, 500000n, 250000n],
    ],
  );
  t.equal(draft.gross, 305000n);
});

for (const fixture of HU_EUR_FIXTURES) {
  t.test(`${fixture.name}: ${fixture.description}`, async (t) => {
    const vat = fixture.vat;
    if (vat.kind === 'oss') {
      t.throws(() => innvoiceConnector.prepareDocument(fixture.order, euroSession), {
        code: 'VAT_RATE_NOT_SUPPORTED',
        field: 'order.lines[0].vatRateBp',
        message: ossRefusal(vat.countryCode),
        details: { country: vat.countryCode, oss: true },
        retryable: false,
      });
      return;
    }
    t.throws(() => innvoiceConnector.prepareDocument(fixture.order, session), {
      code: 'CURRENCY_NOT_SUPPORTED',
      field: 'order.currency',
    });
    const record = innvoiceConnector.prepareDocument(fixture.order, euroSession).body;
    const draft = mapInvoice(fixture.order, euroSettings);
    t.equal(record.Devizanem, 'EUR');
    t.equal(draft.gross, fixture.shop.gross, 'gross to the cent');
    t.equal(draft.net + draft.vat, draft.gross, 'net + VAT = gross');
    t.same(
      draft.lines.filter((l) => l.rounding),
      [],
      'no rounding line: every line is the shop line to the cent',
    );
    t.ok(
      draft.lines.every((l) => l.unitPrice * BigInt(l.quantity) === l.gross),
      'each line: unit price (cents) × quantity = its gross',
    );
    const units = (lines: { quantity: number }[]) => lines.reduce((s, l) => s + l.quantity, 0);
    t.equal(
      units(draft.lines),
      units(fixture.order.lines),
      'the quantities as ordered (stock moves by them)',
    );
    const vatDiff = draft.vat - fixture.shop.vat;
    const bound = BigInt(Math.ceil(draft.lines.length / 2));
    t.ok(vatDiff <= bound && vatDiff >= -bound, `VAT within per-line cent rounding (${vatDiff} cent)`);
    if (vat.kind === 'reverse-charge') {
      t.same(new Set(draft.lines.map((l) => l.vatLabel)), new Set(['0% - KBA']), 'intra-EU B2B label');
      t.equal(record.VevoAdoszam, vat.customerVatNumber, "the buyer's VAT number on the document");
    }
  });
}

t.test('euro: a line whose cents do not divide by its quantity is two lines one cent apart', async (t) => {
  const fixture = HU_EUR_FIXTURES.find((f) => f.name === 'hu-eur-mixed-qty-10');
  const draft = mapInvoice(fixture!.order, euroSettings);
  t.same(
    draft.lines.map((l) => [l.name, l.quantity, l.unitPrice, l.gross]),
    [
      ['Póló', 10, 3175n, 31750n],
      ['Könyv', 5, 1249n, 6245n],
      ['Könyv', 5, 1250n, 6250n],
      ['Kenyér', 1, 392n, 392n],
      ['Kenyér', 9, 393n, 3537n],
      ['GLS', 1, 1257n, 1257n],
    ],
  );
});
