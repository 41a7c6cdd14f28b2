/**
 * The EN 16931 arithmetic rules checked on every Mplus document before it is sent (issue 10,
 * "Money right to the cent"). A broken rule is a bug or a shop total that does not add up:
 * the order is dead-lettered (non-retryable) with the rule that broke in `details.rule`.
 * Rule names from EN 16931-1 (BR-CO-10, -14, -15; BR-S-09 for the VAT per rate) plus Koppel's
 * own: the Mplus line amount equals the shop's line, and the document totals equal the shop's.
 * https://docs.peppol.eu/poacc/billing/3.0/rules/ubl-tc434/
 */
import { type CanonicalOrder, VatRounding } from '@koppel/contracts';
import { computeVat } from '@koppel/order-model';
import { mplusError } from './errors.js';
import type { MplusLineDraft, MplusVatMethod } from './map-lines.js';

export type DocumentTotals = { net: bigint; vat: bigint; gross: bigint };

function broken(rule: string, message: string, details: Record<string, unknown> = {}): never {
  throw mplusError('EN16931_RULE_BROKEN', `${rule}: ${message}`, {
    field: 'order.totals',
    details: { rule, ...details },
  });
}

/** Checks the lines and returns the document totals in cents (equal to the shop's). */
export function checkDocumentArithmetic(
  order: CanonicalOrder,
  lines: readonly MplusLineDraft[],
  vatMethod: MplusVatMethod,
  shopTotals: DocumentTotals | undefined,
): DocumentTotals {
  lines.forEach((line, index) => {
    const sent = line.unitPrice * line.quantity - line.discount;
    const expected = vatMethod === 'VAT-METHOD-INCLUSIVE' ? line.gross : line.net;
    if (sent !== expected) {
      broken(
        'KOPPEL-LINE-AMOUNT',
        `line ${index + 1}: price × quantity − discount is ${sent}, not ${expected}`,
      );
    }
    if (line.gross !== line.net + line.vat) {
      broken('BR-CO-15', `line ${index + 1}: gross ${line.gross} is not net ${line.net} + VAT ${line.vat}`);
    }
    if (vatMethod === 'VAT-METHOD-SHIFTED' && line.vat !== 0n) {
      broken('BR-AE-08', `line ${index + 1} carries VAT on a reverse-charge document`);
    }
  });
  const net = lines.reduce((sum, line) => sum + line.net, 0n);
  const gross = lines.reduce((sum, line) => sum + line.gross, 0n);
  const byRate = new Map<number, { base: bigint; vat: bigint; count: bigint }>();
  for (const line of lines) {
    const entry = byRate.get(line.vatRateBp) ?? { base: 0n, vat: 0n, count: 0n };
    byRate.set(line.vatRateBp, {
      base: entry.base + line.net,
      vat: entry.vat + line.vat,
      count: entry.count + (line.rounding ? 0n : 1n),
    });
  }
  const vat = [...byRate.values()].reduce((sum, rate) => sum + rate.vat, 0n);
  for (const [rateBp, rate] of byRate) {
    // Per rate the VAT is the base × rate, rounded once; rounded per line it may differ by half a
    // cent per line, which is what the Belastingdienst allows of that method.
    const exact = computeVat(rate.base, rateBp);
    const allowed = order.vatRounding === VatRounding.PER_RATE ? 0n : rate.count;
    const deviation = rate.vat - exact;
    if (deviation * 2n > allowed || -deviation * 2n > allowed) {
      broken(
        'BR-S-09',
        `VAT at ${rateBp / 100} % is ${rate.vat} on a base of ${rate.base}, expected ${exact}`,
        {
          vatRateBp: rateBp,
        },
      );
    }
  }
  if (gross !== net + vat) broken('BR-CO-15', `gross ${gross} is not net ${net} + VAT ${vat}`);
  const totals = { net, vat, gross };
  if (shopTotals && (shopTotals.net !== net || shopTotals.vat !== vat || shopTotals.gross !== gross)) {
    broken('KOPPEL-SHOP-TOTALS', "the document's totals differ from the shop's", {
      shop: { net: String(shopTotals.net), vat: String(shopTotals.vat), gross: String(shopTotals.gross) },
      document: { net: String(net), vat: String(vat), gross: String(gross) },
    });
  }
  return totals;
}
