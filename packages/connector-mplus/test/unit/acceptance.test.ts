/**
 * Issue 10 acceptance: every shared fixture (@koppel/acceptance-orders) through prepareDocument
 * with an offline session. Mplus takes cents incl. VAT (or excl.) per unit and computes
 * price × quantity − discountAmount per line: the order's totals and what the lines send equal
 * the shop's to the cent (a per-rate VAT difference is an explicit rounding line). Reverse-charge
 * orders go VAT-SHIFTED with the reverse-charge VAT code, the customer's VAT number on the
 * relation; OSS orders carry the destination's VAT code and turnover group (revenue account).
 */
import { EUR_FIXTURES } from '@koppel/acceptance-orders';
import { CustomerRefSchema, DebtorKind } from '@koppel/contracts';
import { create } from '@bufbuild/protobuf';
import type { SessionServices } from '@koppel/connector-sdk';
import t from 'tap';
import { type MplusSession, type MplusSettingsInput, mapRelation, mplusConnector } from '../../src/index.js';
import { makeSettings } from '../fixtures/order-fixtures.js';

/** Per destination country: VAT code and turnover group of its standard and reduced rate. */
const OSS = {
  DE: { 1900: [41, 841], 700: [42, 842] },
  BE: { 2100: [31, 831], 600: [32, 832] },
  FR: { 2000: [51, 851], 550: [52, 852] },
} as const;

const ossRules = Object.entries(OSS).flatMap(([countryCode, rates]) =>
  Object.entries(rates).map(([rate, [vatCode, turnoverGroup]]) => ({
    vatRateBp: Number(rate),
    countryCode,
    vatCode,
    turnoverGroup,
  })),
);

const settings: Partial<MplusSettingsInput> = {
  taxCodes: [
    { vatRateBp: 2100, countryCode: 'NL', vatCode: 2 },
    { vatRateBp: 900, countryCode: 'NL', vatCode: 1 },
    { vatRateBp: 0, countryCode: 'NL', vatCode: 3 },
    ...ossRules.map(({ vatRateBp, countryCode, vatCode }) => ({ vatRateBp, countryCode, vatCode })),
  ],
  revenueAccounts: [
    { countryCode: 'NL', turnoverGroup: 800 },
    { countryCode: 'DE', turnoverGroup: 840 },
    ...ossRules.map(({ vatRateBp, countryCode, turnoverGroup }) => ({
      vatRateBp,
      countryCode,
      turnoverGroup,
    })),
  ],
  homeCountry: 'NL',
  reverseChargeTaxCode: 9,
  paymentFeeArticleNumber: 996,
  textArticleNumber: 995,
};

function offlineSession(overrides: Partial<MplusSettingsInput>): MplusSession {
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
  return mplusConnector.openSession(
    {
      connectionId: 'acceptance',
      tenantId: 'acceptance',
      settings: makeSettings(overrides),
      credentials: { ident: 'koppel', secret: 'secret' },
    },
    services,
  );
}

for (const vatMethod of ['inclusive', 'exclusive'] as const) {
  const session = offlineSession({ ...settings, vatMethod });
  for (const fixture of EUR_FIXTURES) {
    const perRate = fixture.name.endsWith('per-rate');
    t.test(`${vatMethod} ${fixture.name}: ${fixture.description}`, async (t) => {
      if (perRate && vatMethod === 'exclusive') {
        // Excl. VAT Mplus computes each line's VAT itself: a per-rate VAT difference cannot be sent.
        t.throws(() => mplusConnector.prepareDocument(fixture.order, session), {
          code: 'VALIDATION_FAILED',
          field: 'target.settings.vatMethod',
        });
        return;
      }
      const draft = mplusConnector.prepareDocument(fixture.order, session).body;
      t.same(draft.totals, { ...draft.totals, ...fixture.shop }, 'net, VAT and gross to the cent');
      const sent = draft.lines.reduce((s, l) => s + l.unitPrice * l.quantity - l.discount, 0n);
      const expected = draft.vatMethod === 'VAT-METHOD-INCLUSIVE' ? fixture.shop.gross : fixture.shop.net;
      t.equal(sent, expected, `the lines as Mplus computes them (${draft.vatMethod})`);
      const isText = (line: (typeof draft.lines)[number]) =>
        'articleNumber' in line.article && line.article.articleNumber === '995';
      const mapped = draft.lines.filter((line) => !line.rounding && !isText(line));
      const text = draft.lines.filter(isText);
      t.equal(mapped.length, fixture.order.lines.length, 'one Mplus line per order line');
      const vat = fixture.vat;
      if (vat.kind === 'reverse-charge') {
        t.equal(draft.vatMethod, 'VAT-METHOD-SHIFTED', 'reverse charge is VAT-shifted');
        t.same(new Set(draft.lines.map((l) => l.vatCode)), new Set([9]), 'the reverse-charge VAT code');
        t.same(
          text.map((l) => [l.article, l.text, l.quantity, l.unitPrice, l.discount]),
          [
            [
              { articleNumber: '995' },
              `BTW verlegd / VAT reverse-charged ${vat.customerVatNumber}`,
              1n,
              0n,
              0n,
            ],
          ],
          'the legal text on a text line of price 0',
        );
        const customer = create(CustomerRefSchema, {
          kind: DebtorKind.COMPANY,
          displayName: fixture.order.customer?.companyName ?? '',
          normalizedEmail: fixture.order.customer?.email ?? '',
        });
        t.equal(
          mapRelation(customer, fixture.order).vatNumber,
          vat.customerVatNumber,
          'VAT number on the relation',
        );
      } else if (vat.kind === 'oss') {
        t.same(text, [], 'no legal text');
        const byRate = OSS[vat.countryCode as keyof typeof OSS] as Record<number, readonly [number, number]>;
        fixture.order.lines.forEach((line, index) => {
          t.same(
            [mapped[index]?.vatCode, mapped[index]?.turnoverGroup],
            byRate[line.vatRateBp],
            `line ${index + 1}: ${vat.countryCode} VAT code and turnover group of ${line.vatRateBp / 100} %`,
          );
        });
      } else {
        t.ok(
          draft.lines.every((l) => [1, 2, 3].includes(l.vatCode) && l.turnoverGroup === 800),
          'home codes',
        );
      }
    });
  }
}

t.test('a destination rate the connection has not mapped is refused naming the setting', async (t) => {
  const fixture = EUR_FIXTURES.find((f) => f.name === 'nl-oss-fr');
  const withoutFr = { ...settings, taxCodes: settings.taxCodes?.filter((rule) => rule.countryCode !== 'FR') };
  t.throws(() => mplusConnector.prepareDocument(fixture!.order, offlineSession(withoutFr)), {
    code: 'MPLUS_TAX_CODE_NOT_CONFIGURED',
    field: 'target.settings.taxCodes',
    retryable: false,
  });
});
