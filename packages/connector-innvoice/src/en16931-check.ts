/**
 * The EN 16931 arithmetic rules every document is checked against before it is sent, on the
 * amounts as InnVoice will compute them (whole forints). A broken rule refuses the order with
 * `EN16931_CHECK_FAILED` naming the rule (README "EN 16931"). Rules: BR-CO-10 (sum of line net
 * amounts), BR-CO-14 (VAT total = sum of category VAT), BR-CO-15 (gross = net + VAT), BR-CO-17
 * (category VAT = base × rate, within per-line rounding), BR-S-08/BR-Z-08/BR-E-08 (category base =
 * sum of the category's line nets), and Koppel's own: the gross equals the shop's to the forint.
 */
import { divideHalfUp } from '@koppel/order-model';
import { innvoiceError } from './errors.js';

export type CheckedLine = { vatLabel: string; ratePercent: number; net: bigint; vat: bigint; gross: bigint };
export type VatCategory = { vatLabel: string; ratePercent: number; base: bigint; vat: bigint; lines: number };
export type CheckedDocument = {
  lines: readonly CheckedLine[];
  categories: readonly VatCategory[];
  net: bigint;
  vat: bigint;
  gross: bigint;
  /** The shop's gross, converted once to forints. */
  shopGross: bigint;
};

function fail(rule: string, message: string, details: Record<string, unknown>): never {
  throw innvoiceError('EN16931_CHECK_FAILED', `EN 16931 ${rule}: ${message}`, {
    field: 'order.lines',
    details: { rule, ...details },
  });
}

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);

export function checkEn16931(doc: CheckedDocument): void {
  doc.lines.forEach((line, index) => {
    if (line.net + line.vat !== line.gross) {
      fail(
        'BR-CO-10',
        `line ${index + 1}: net ${line.net} + VAT ${line.vat} is not its gross ${line.gross}`,
        {
          line: index + 1,
        },
      );
    }
  });
  const lineNets = sum(doc.lines.map((l) => l.net));
  if (lineNets !== doc.net) {
    fail('BR-CO-10', `the line nets add up to ${lineNets} Ft, the document net is ${doc.net} Ft`, {
      lineNets: String(lineNets),
      net: String(doc.net),
    });
  }
  for (const category of doc.categories) {
    const base = sum(doc.lines.filter((l) => l.vatLabel === category.vatLabel).map((l) => l.net));
    if (base !== category.base) {
      fail('BR-S-08', `the ${category.vatLabel} base ${category.base} Ft is not its lines' ${base} Ft`, {
        vatLabel: category.vatLabel,
      });
    }
    // InnVoice rounds VAT per line (half a forint each at most), so the category's VAT may differ
    // from base × rate by that much: the tolerance is one forint or half a forint per line.
    const expected = divideHalfUp(category.base * BigInt(category.ratePercent), 100n);
    const tolerance = BigInt(Math.max(1, Math.ceil(category.lines / 2)));
    const diff = category.vat - expected;
    if (diff > tolerance || -diff > tolerance) {
      fail(
        'BR-CO-17',
        `VAT at ${category.vatLabel} is ${category.vat} Ft, base × rate is ${expected} Ft (tolerance ${tolerance} Ft)`,
        { vatLabel: category.vatLabel, vat: String(category.vat), expected: String(expected) },
      );
    }
  }
  const categoryVat = sum(doc.categories.map((c) => c.vat));
  if (categoryVat !== doc.vat) {
    fail('BR-CO-14', `the VAT total ${doc.vat} Ft is not the sum per rate ${categoryVat} Ft`, {
      vat: String(doc.vat),
      categoryVat: String(categoryVat),
    });
  }
  if (doc.net + doc.vat !== doc.gross) {
    fail('BR-CO-15', `net ${doc.net} Ft + VAT ${doc.vat} Ft is not the total ${doc.gross} Ft`, {
      gross: String(doc.gross),
    });
  }
  if (doc.gross !== doc.shopGross) {
    fail('KOPPEL-TOTAL', `the document total ${doc.gross} Ft is not the shop's ${doc.shopGross} Ft`, {
      gross: String(doc.gross),
      shopGross: String(doc.shopGross),
    });
  }
}
