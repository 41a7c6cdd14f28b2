/**
 * The EN 16931 arithmetic rules every document is checked against before it is sent
 * (EN 16931-1 business rules BR-CO-10/14/15/17; https://docs.peppol.eu/poacc/billing/3.0/rules/ubl-tc434/).
 * A document that breaks one is refused with the rule's id, so the order is dead-lettered with
 * the reason instead of booking wrong figures.
 */
import { computeVat } from '@koppel/order-model';
import { accountviewError } from './errors.js';
import type { DocumentDraft } from './map-document.js';
import { divideHalfAway } from './divide-half-away.js';
import { centsToDecimal } from './payload.js';

export type En16931Violation = { rule: string; message: string };

export function en16931Violations(draft: DocumentDraft): En16931Violation[] {
  const violations: En16931Violation[] = [];
  const money = centsToDecimal;
  draft.lines.forEach((line, index) => {
    if (draft.kind !== 'sales-order') return;
    // Line net amount = quantity × item net price (EN 16931-1 §6.5.2, BT-131 = BT-129 × BT-146).
    const expected = divideHalfAway(line.unitPrice4 * BigInt(line.quantity), 100n);
    if (expected !== line.net)
      violations.push({
        rule: 'BT-131',
        message: `line ${index + 1}: net ${money(line.net)} is not quantity × price (${money(expected)})`,
      });
  });
  const lineNet = draft.lines.reduce((sum, line) => sum + line.net, 0n);
  if (lineNet !== draft.net)
    violations.push({
      rule: 'BR-CO-10',
      message: `sum of line nets ${money(lineNet)} differs from the document net ${money(draft.net)}`,
    });
  const rates = [...new Set(draft.lines.map((line) => line.vatRateBp))];
  let vatOfRates = 0n;
  for (const rate of rates) {
    const ofRate = draft.lines.filter((line) => line.vatRateBp === rate);
    const base = ofRate.reduce((sum, line) => sum + line.net, 0n);
    const vat = ofRate.reduce((sum, line) => sum + line.vat, 0n);
    vatOfRates += vat;
    // Per-line rounding (allowed in NL, README "Money") may put the rate's VAT a cent per line
    // away from base × rate; anything further is wrong.
    const tolerance = BigInt(ofRate.length);
    const exact = computeVat(base, rate);
    if (vat - exact > tolerance || exact - vat > tolerance)
      violations.push({
        rule: 'BR-CO-17',
        message: `VAT ${money(vat)} at ${rate / 100} % is not ${money(base)} × ${rate / 100} % (${money(exact)})`,
      });
  }
  if (vatOfRates !== draft.vat)
    violations.push({
      rule: 'BR-CO-14',
      message: `VAT per rate adds up to ${money(vatOfRates)}, not the document VAT ${money(draft.vat)}`,
    });
  if (draft.gross !== draft.net + draft.vat)
    violations.push({
      rule: 'BR-CO-15',
      message: `total ${money(draft.gross)} is not net ${money(draft.net)} + VAT ${money(draft.vat)}`,
    });
  return violations;
}

export function assertEn16931(draft: DocumentDraft): void {
  const violations = en16931Violations(draft);
  const first = violations[0];
  if (first === undefined) return;
  throw accountviewError(
    'EN16931_RULE_BROKEN',
    `document ${draft.number} breaks EN 16931 ${first.rule}: ${first.message}`,
    {
      field: 'document',
      details: { rules: violations.map((v) => v.rule), violations },
    },
  );
}
