/**
 * Issue 10 acceptance: every shared fixture (@koppel/acceptance-orders) through prepareDocument
 * with an offline session, as a sales order and as a journal page: the document's totals equal
 * the shop's to the cent (any cent qty × 4-decimal price cannot reach is an explicit rounding
 * line), EN 16931 arithmetic holds, reverse-charge orders carry the reverse-charge code, legal
 * text and customer VAT number, OSS orders the destination's VAT code and revenue account.
 */
import { EUR_FIXTURES } from '@koppel/acceptance-orders';
import type { SessionServices } from '@koppel/connector-sdk';
import { VatRounding } from '@koppel/contracts';
import { buildProductLine, computeTotals, validateCanonicalOrder } from '@koppel/order-model';
import t from 'tap';
import { type AccountviewSession, accountviewConnector, en16931Violations } from '../../src/index.js';
import { makeSettings } from '../fixtures/order-fixtures.js';

/** Per destination country: VAT code and revenue account of its standard and reduced rate. */
const OSS = {
  DE: { 1900: ['D19', '8401'], 700: ['D7', '8402'] },
  BE: { 2100: ['B21', '8301'], 600: ['B6', '8302'] },
  FR: { 2000: ['F20', '8501'], 550: ['F55', '8502'] },
} as const;

const ossRules = Object.entries(OSS).flatMap(([countryCode, rates]) =>
  Object.entries(rates).map(([rate, [vatCode, accountNumber]]) => ({
    vatRateBp: Number(rate),
    countryCode,
    vatCode,
    accountNumber,
  })),
);

const settings = {
  vatCodes: [
    { vatRateBp: 2100, countryCode: 'NL', vatCode: '2' },
    { vatRateBp: 900, countryCode: 'NL', vatCode: '1' },
    { vatRateBp: 0, countryCode: 'NL', vatCode: '0' },
    ...ossRules.map(({ vatRateBp, countryCode, vatCode }) => ({ vatRateBp, countryCode, vatCode })),
  ],
  revenueAccounts: [
    { vatRateBp: 2100, countryCode: 'NL', accountNumber: '8000' },
    { vatRateBp: 900, countryCode: 'NL', accountNumber: '8010' },
    { vatRateBp: 0, countryCode: 'NL', accountNumber: '8020' },
    ...ossRules.map(({ vatRateBp, countryCode, accountNumber }) => ({
      vatRateBp,
      countryCode,
      accountNumber,
    })),
  ],
  shippingAccountNumber: undefined,
  homeCountry: 'NL',
  reverseCharge: { vatCode: 'VL', accountNumber: '8100', legalText: 'BTW verlegd / VAT reverse-charged' },
  textArticleCode: 'TEXT',
};

function offlineSession(overrides: Parameters<typeof makeSettings>[0]): AccountviewSession {
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
  return accountviewConnector.openSession(
    {
      connectionId: 'acceptance',
      tenantId: 'acceptance',
      settings: makeSettings(overrides),
      credentials: { clientId: 'koppel', clientSecret: 'secret', refreshToken: 'rt-0' },
    },
    services,
  );
}

for (const documentType of ['sales-order', 'journal-page'] as const) {
  const session = offlineSession({ ...settings, documentType });
  for (const fixture of EUR_FIXTURES) {
    t.test(`${documentType} ${fixture.name}: ${fixture.description}`, async (t) => {
      const draft = accountviewConnector.prepareDocument(fixture.order, session).body;
      t.equal(draft.net, fixture.shop.net, 'net to the cent');
      t.equal(draft.vat, fixture.shop.vat, 'VAT to the cent');
      t.equal(draft.gross, fixture.shop.gross, 'gross to the cent');
      t.equal(
        draft.lines.reduce((s, l) => s + l.net, 0n),
        fixture.shop.net,
        'the lines, rounding included',
      );
      t.same(en16931Violations(draft), [], 'EN 16931 arithmetic holds');
      const mapped = draft.lines.filter((line) => line.kind !== 'rounding' && line.kind !== 'text');
      const text = draft.lines.filter((line) => line.kind === 'text');
      t.equal(mapped.length, fixture.order.lines.length, 'one document line per order line');
      const vat = fixture.vat;
      if (vat.kind === 'reverse-charge') {
        t.same(new Set(draft.lines.map((l) => l.vatCode)), new Set(['VL']), 'the reverse-charge code');
        if (documentType === 'journal-page')
          t.same(new Set(draft.lines.map((l) => l.accountNumber)), new Set(['8100']), 'its revenue account');
        t.equal(draft.vatNote, `BTW verlegd / VAT reverse-charged ${vat.customerVatNumber}`);
        if (documentType === 'sales-order') {
          t.same(
            text.map((l) => [l.articleCode, l.description, l.quantity, l.unitPrice4, l.net]),
            [['TEXT', `BTW verlegd / VAT reverse-charged ${vat.customerVatNumber}`, 1, 0n, 0n]],
            'the legal text as a text line of price 0',
          );
        } else t.same(text, [], 'a journal page states it in COMMENT1, not as lines');
      } else if (vat.kind === 'oss') {
        const byRate = OSS[vat.countryCode as keyof typeof OSS] as Record<number, readonly [string, string]>;
        fixture.order.lines.forEach((line, index) => {
          const [vatCode, account] = byRate[line.vatRateBp] ?? [];
          t.equal(mapped[index]?.vatCode, vatCode, `line ${index + 1}: ${vat.countryCode} VAT code`);
          if (documentType === 'journal-page')
            t.equal(mapped[index]?.accountNumber, account, `line ${index + 1}: ${vat.countryCode} account`);
        });
        t.equal(draft.vatNote, undefined);
        t.same(text, [], 'no text line');
      } else {
        t.ok(
          draft.lines.every((l) => ['0', '1', '2'].includes(l.vatCode)),
          'home codes only',
        );
        t.equal(draft.vatNote, undefined);
      }
    });
  }
}

t.test('a 4-decimal net unit price (Shoprenter in euro) is ART_PX as the shop gave it', async (t) => {
  const base = EUR_FIXTURES.find((f) => f.name === 'nl-gross-priced-4-decimals')!.order;
  const lines = [1, 10, 50].map((quantity) =>
    buildProductLine({
      name: 'Mok',
      sku: '100240',
      quantity,
      vatRateBp: 2100,
      exact: { currency: 'EUR', net: '16.5207', gross: '19.99' },
    }),
  );
  const order = { ...base, lines, totals: computeTotals(lines, VatRounding.PER_LINE) };
  t.same(validateCanonicalOrder(order), []);
  const draft = accountviewConnector.prepareDocument(
    order,
    offlineSession({ ...settings, documentType: 'sales-order' }),
  ).body;
  t.same(
    draft.lines.map((l) => [l.unitPrice4, l.net]),
    [
      [165207n, 1652n],
      [165207n, 16521n],
      [165207n, 82604n],
    ],
    'exact price × quantity rounded once: 16.52, 165.21, 826.04 (826.035 half away from zero)',
  );
  // Written out by hand: net 16.52 + 165.21 + 826.04, gross 19.99 + 199.90 + 999.50.
  t.same([draft.net, draft.vat, draft.gross], [100777n, 21162n, 121939n]);
  t.same(en16931Violations(draft), []);
});

t.test('a destination rate the connection has not mapped is refused naming the setting', async (t) => {
  const fixture = EUR_FIXTURES.find((f) => f.name === 'nl-oss-fr');
  const withoutFr = { ...settings, vatCodes: settings.vatCodes.filter((rule) => rule.countryCode !== 'FR') };
  t.throws(() => accountviewConnector.prepareDocument(fixture!.order, offlineSession(withoutFr)), {
    code: 'VAT_CODE_NOT_MAPPED',
    field: 'target.settings.vatCodes',
    retryable: false,
  });
});

t.test('a reverse-charge order without the reverse-charge code is refused naming the setting', async (t) => {
  const fixture = EUR_FIXTURES.find((f) => f.name === 'nl-reverse-charge-de');
  const session = offlineSession({ ...settings, reverseCharge: undefined });
  t.throws(() => accountviewConnector.prepareDocument(fixture!.order, session), {
    code: 'VAT_CODE_NOT_MAPPED',
    field: 'target.settings.reverseCharge',
    retryable: false,
  });
});
