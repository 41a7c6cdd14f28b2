/**
 * Issue 10 acceptance: every shared fixture (@koppel/acceptance-orders) through prepareDocument
 * with an offline session; the invoice's totals equal the shop's to the cent, reverse-charge
 * orders carry the reverse-charge code, the legal text and the customer's VAT number, OSS orders
 * the destination country's VAT code and revenue account.
 */
import { EUR_FIXTURES } from '@koppel/acceptance-orders';
import type { SessionServices } from '@koppel/connector-sdk';
import { parseMinorUnits } from '@koppel/order-model';
import t from 'tap';
import { type AsperionSession, asperionConnector } from '../../src/index.js';
import { makeCredentials, makeSettings } from '../fixtures/order-fixtures.js';

/** Per destination country: VAT code and revenue account of its standard and reduced rate. */
const OSS = {
  DE: { 1900: ['OSS-DE-H', 8401], 700: ['OSS-DE-L', 8402] },
  BE: { 2100: ['OSS-BE-H', 8301], 600: ['OSS-BE-L', 8302] },
  FR: { 2000: ['OSS-FR-H', 8501], 550: ['OSS-FR-L', 8502] },
} as const;

const ossRules = Object.entries(OSS).flatMap(([countryCode, rates]) =>
  Object.entries(rates).map(([rate, [vatCode, ledgerAccountId]]) => ({
    vatRateBp: Number(rate),
    countryCode,
    vatCode,
    ledgerAccountId,
  })),
);

const settings = {
  revenueAccounts: [
    { vatRateBp: 2100, ledgerAccountId: 8000 },
    { vatRateBp: 900, ledgerAccountId: 8020 },
    { vatRateBp: 0, ledgerAccountId: 8030 },
    ...ossRules.map(({ vatRateBp, countryCode, ledgerAccountId }) => ({
      vatRateBp,
      countryCode,
      ledgerAccountId,
    })),
  ],
  vatCodes: [
    { vatRateBp: 2100, countryCode: 'NL', vatCode: 'H' },
    { vatRateBp: 900, countryCode: 'NL', vatCode: 'L' },
    { vatRateBp: 0, countryCode: 'NL', vatCode: 'N' },
    ...ossRules.map(({ vatRateBp, countryCode, vatCode }) => ({ vatRateBp, countryCode, vatCode })),
  ],
  shippingLedgerAccountId: undefined,
  homeCountry: 'NL',
  reverseCharge: { vatCode: 'VL', ledgerAccountId: 8100, legalText: 'BTW verlegd / VAT reverse-charged' },
};

function offlineSession(overrides: Parameters<typeof makeSettings>[0] = settings): AsperionSession {
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
  return asperionConnector.openSession(
    {
      connectionId: 'acceptance',
      tenantId: 'acceptance',
      settings: makeSettings(overrides),
      credentials: makeCredentials(),
    },
    services,
  );
}

const cents = (amount: number) => parseMinorUnits(String(amount), 'EUR');
const session = offlineSession();

for (const fixture of EUR_FIXTURES) {
  t.test(`${fixture.name}: ${fixture.description}`, async (t) => {
    const body = asperionConnector.prepareDocument(fixture.order, session).body;
    const lines = body.lines._data;
    t.equal(cents(body.amountExclVat), fixture.shop.net, 'net to the cent');
    t.equal(cents(body.vatAmount), fixture.shop.vat, 'VAT to the cent');
    t.equal(cents(body.amountInclVat), fixture.shop.gross, 'gross to the cent');
    t.equal(
      lines.reduce((s, l) => s + cents(l.amount), 0n),
      fixture.shop.net,
      'the lines add up to the net',
    );
    t.equal(
      lines.reduce((s, l) => s + cents(l.vatAmount), 0n),
      fixture.shop.vat,
      'and to the VAT',
    );
    const vat = fixture.vat;
    if (vat.kind === 'reverse-charge') {
      t.same(new Set(lines.map((l) => [l.vatCode, l.ledgerAccountId].join())), new Set(['VL,8100']));
      t.match(body.description, 'BTW verlegd / VAT reverse-charged', 'the legal text');
      t.match(body.description, vat.customerVatNumber, "the customer's VAT number");
    } else if (vat.kind === 'oss') {
      const byRate = OSS[vat.countryCode as keyof typeof OSS] as Record<number, readonly [string, number]>;
      fixture.order.lines.forEach((line, index) => {
        t.same(
          [lines[index]?.vatCode, lines[index]?.ledgerAccountId],
          byRate[line.vatRateBp],
          `line ${index + 1}: ${vat.countryCode} code and account of ${line.vatRateBp / 100} %`,
        );
      });
    } else {
      t.notOk(
        lines.some((l) => l.vatCode.startsWith('OSS') || l.vatCode === 'VL'),
        'home codes only',
      );
    }
  });
}

t.test('a destination rate the connection has not mapped is refused naming the setting', async (t) => {
  const fixture = EUR_FIXTURES.find((f) => f.name === 'nl-oss-fr');
  const withoutFr = {
    ...settings,
    vatCodes: settings.vatCodes.filter((rule) => rule.countryCode !== 'FR'),
  };
  t.throws(() => asperionConnector.prepareDocument(fixture!.order, offlineSession(withoutFr)), {
    code: 'VALIDATION_FAILED',
    field: 'target.settings.vatCodes',
    retryable: false,
  });
});

t.test('a reverse-charge order without the reverse-charge code is refused naming the setting', async (t) => {
  const fixture = EUR_FIXTURES.find((f) => f.name === 'nl-reverse-charge-de');
  t.throws(
    () =>
      asperionConnector.prepareDocument(
        fixture!.order,
        offlineSession({ ...settings, reverseCharge: undefined }),
      ),
    { code: 'VALIDATION_FAILED', field: 'target.settings.reverseCharge', retryable: false },
  );
});
