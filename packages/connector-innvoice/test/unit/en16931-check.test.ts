import t from 'tap';
import { checkEn16931 } from '../../src/index.js';

const line = (net: bigint, vat: bigint, label = '27%', rate = 27) => ({
  vatLabel: label,
  ratePercent: rate,
  net,
  vat,
  gross: net + vat,
});

t.test('a consistent document passes', async (t) => {
  const lines = [line(1000n, 270n), line(500n, 135n)];
  t.doesNotThrow(() =>
    checkEn16931({
      lines,
      categories: [{ vatLabel: '27%', ratePercent: 27, base: 1500n, vat: 405n, lines: 2 }],
      net: 1500n,
      vat: 405n,
      gross: 1905n,
      shopGross: 1905n,
    }),
  );
});

const broken: [string, Parameters<typeof checkEn16931>[0]][] = [
  [
    'BR-CO-10',
    {
      lines: [line(1000n, 270n)],
      categories: [{ vatLabel: '27%', ratePercent: 27, base: 1000n, vat: 270n, lines: 1 }],
      net: 1001n,
      vat: 270n,
      gross: 1271n,
      shopGross: 1271n,
    },
  ],
  [
    'BR-CO-17',
    {
      lines: [line(1000n, 280n)],
      categories: [{ vatLabel: '27%', ratePercent: 27, base: 1000n, vat: 280n, lines: 1 }],
      net: 1000n,
      vat: 280n,
      gross: 1280n,
      shopGross: 1280n,
    },
  ],
  [
    'BR-CO-14',
    {
      lines: [line(1000n, 270n)],
      categories: [{ vatLabel: '27%', ratePercent: 27, base: 1000n, vat: 270n, lines: 1 }],
      net: 1000n,
      vat: 271n,
      gross: 1271n,
      shopGross: 1271n,
    },
  ],
  [
    'KOPPEL-TOTAL',
    {
      lines: [line(1000n, 270n)],
      categories: [{ vatLabel: '27%', ratePercent: 27, base: 1000n, vat: 270n, lines: 1 }],
      net: 1000n,
      vat: 270n,
      gross: 1270n,
      shopGross: 1275n,
    },
  ],
];

for (const [rule, doc] of broken) {
  t.test(`${rule} broken: a non-retryable error naming the rule`, async (t) => {
    t.throws(() => checkEn16931(doc), {
      code: 'EN16931_CHECK_FAILED',
      retryable: false,
      message: new RegExp(rule),
      details: { rule },
    });
  });
}
