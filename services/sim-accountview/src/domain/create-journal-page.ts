import { invalid } from '../errors.js';
import { ASSUMPTIONS } from './assumptions.js';
import { findDebtor, nextRecId, stringField } from './company-rows.js';
import { divideRounded, fromScaled, toScaled } from './decimal.js';
import { checkNumericRange, nowLocal } from './field-values.js';
import type { CompanyState, Row } from './model.js';

/**
 * `allowDuplicateInvoiceNumber`: the simulator's permissive mode (issue 8), which accepts a second
 * page with an INV_NR already in the daybook, as a target without the check would.
 */
export type JournalPageRules = { allowDuplicateInvoiceNumber: boolean };
export const VENDOR_JOURNAL_RULES: JournalPageRules = Object.freeze({ allowDuplicateInvoiceNumber: false });

/**
 * DJ2 create: a sales invoice as a journal page (notes §2.6, AV-PAS `CreateInvoice`, AV-GO
 * DjPage/DjLine). DJ_CODE must be an existing daybook, SUB_NR an existing debtor; lines need a
 * ledger account and an amount. VAT_AMT is computed (half-up per line, notes §5) when a VAT_CODE is
 * given without it; an unbalanced page gets the debtor counter-posting.
 */
export function createJournalPage(
  company: CompanyState,
  header: Row,
  lines: Row[],
  now: Date,
  rules: JournalPageRules = VENDOR_JOURNAL_RULES,
): { page: Row; lines: Row[] } {
  const djCode = stringField(header, 'DJ_CODE');
  if (!djCode) throw invalid('DJ_PAGE.DJ_CODE (daybook) is required');
  if (!company.tables.DAILY.some((d) => d.DJ_CODE === djCode))
    throw invalid(`DJ_PAGE.DJ_CODE: daybook ${djCode} does not exist`);
  const subNr = stringField(header, 'SUB_NR');
  if (!subNr) throw invalid('DJ_PAGE.SUB_NR (debtor) is required');
  const debtor = findDebtor(company, subNr);
  if (!debtor) throw invalid(`DJ_PAGE.SUB_NR: debtor ${subNr} does not exist`);
  const trnDate = stringField(header, 'TRN_DATE');
  if (!trnDate) throw invalid('DJ_PAGE.TRN_DATE is required');
  if (lines.length === 0) throw invalid('DJ_LINE: a journal page needs at least one line');
  const invNr = stringField(header, 'INV_NR') ?? nextInvoiceNumber(company);
  if (
    ASSUMPTIONS.uniqueInvoiceNumberPerDaybook &&
    !rules.allowDuplicateInvoiceNumber &&
    company.tables.DJ_PAGE.some((p) => p.DJ_CODE === djCode && p.INV_NR === invNr)
  ) {
    throw invalid(`DJ_PAGE.INV_NR: invoice ${invNr} already exists in daybook ${djCode}`);
  }
  const gross = header.GROSS_FLG === true;
  const link = { DJ_CODE: djCode, INV_NR: invNr, SUB_NR: subNr, TRN_DATE: trnDate };
  const stored = lines.map((line, i) => toLine(company, line, i, gross, link));
  const balance = stored.reduce(
    (sum, l) => sum + toScaled(String(l.AMOUNT), 2) + (gross ? 0n : toScaled(String(l.VAT_AMT ?? '0'), 2)),
    0n,
  );
  if (balance !== 0n && ASSUMPTIONS.generateDebtorCounterPosting) {
    stored.push({
      ...link,
      ACCT_NR: String(debtor.ACCT_NR ?? ASSUMPTIONS.defaultDebtorCollectiveAccount),
      TRN_DESC: stringField(header, 'HDR_DESC') ?? `Factuur ${invNr}`,
      AMOUNT: fromScaled(-balance, 2),
      VAT_CODE: null,
      VAT_AMT: '0',
      GENERATED: true,
    });
  }
  const page: Row = {
    ...header,
    ...link,
    REC_ID: nextRecId(company),
    PERIOD: header.PERIOD ?? String(Number(trnDate.slice(5, 7))),
    GROSS_FLG: gross,
    CUR_CODE: stringField(header, 'CUR_CODE') ?? 'EUR',
    INV_AMT: checkNumericRange(fromScaled(balance, 2), 'DJ_PAGE.INV_AMT'),
    INP_DATE: nowLocal(now),
  };
  stored.forEach((l, i) => {
    l.REC_ID = nextRecId(company);
    l.LINE_NR = String(i + 1);
  });
  company.tables.DJ_PAGE.push(page);
  company.tables.DJ_LINE.push(...stored);
  return { page, lines: stored };
}

function toLine(company: CompanyState, line: Row, index: number, gross: boolean, link: Row): Row {
  const where = `DJ_LINE row ${index + 1}`;
  const acctNr = stringField(line, 'ACCT_NR');
  if (!acctNr) throw invalid(`${where}: ACCT_NR (ledger account) is required`);
  const amount = stringField(line, 'AMOUNT');
  if (amount === undefined) throw invalid(`${where}: AMOUNT is required`);
  const vatCode = stringField(line, 'VAT_CODE');
  let vatAmt = stringField(line, 'VAT_AMT');
  if (vatCode) {
    const vat = company.tables.VAT.find((v) => v.VAT_CODE === vatCode);
    if (!vat) throw invalid(`${where}: VAT_CODE ${vatCode} does not exist`);
    if (vatAmt === undefined) vatAmt = fromScaled(computeVat(amount, String(vat.VAT_PCT ?? '0'), gross), 2);
  }
  return {
    ...line,
    ...link,
    ACCT_NR: acctNr,
    AMOUNT: amount,
    VAT_CODE: vatCode ?? null,
    VAT_AMT: vatAmt ?? '0',
  };
}

/** VAT on a net amount (x pct / 100) or contained in a gross one (x pct / (100 + pct)), half-up to cents. */
export function computeVat(amount: string, pct: string, gross: boolean): bigint {
  const a = toScaled(amount, 2);
  const p = toScaled(pct, 2);
  return gross ? divideRounded(a * p, 10000n + p) : divideRounded(a * p, 10000n);
}

function nextInvoiceNumber(company: CompanyState): string {
  company.counters.invNr = Math.max(company.counters.invNr, ASSUMPTIONS.firstInvoiceNumber - 1) + 1;
  return String(company.counters.invNr);
}
