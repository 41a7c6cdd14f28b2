import { invalid, notFound } from '../errors.js';
import { ASSUMPTIONS } from './assumptions.js';
import { findDebtor, nextRecId, stringField } from './company-rows.js';
import { nowLocal } from './field-values.js';
import type { CompanyState, Row } from './model.js';

/**
 * AR1 create (notes §2.4): ACCT_NAME required; SUB_NR auto-numbered when absent (AV-PHP omits it
 * and re-queries by e-mail), unique when given; defaults for the collective account and search code.
 */
export function createDebtor(company: CompanyState, values: Row, now: Date): Row {
  const name = stringField(values, 'ACCT_NAME');
  if (!name) throw invalid('CONTACT.ACCT_NAME (company or person name) is required');
  let subNr = stringField(values, 'SUB_NR');
  if (subNr && findDebtor(company, subNr)) throw invalid(`CONTACT.SUB_NR: debtor ${subNr} already exists`);
  if (!subNr) subNr = nextDebtorNumber(company);
  const stamp = nowLocal(now);
  const row: Row = {
    ...values,
    REC_ID: nextRecId(company),
    SUB_NR: subNr,
    ACCT_NR: stringField(values, 'ACCT_NR') ?? ASSUMPTIONS.defaultDebtorCollectiveAccount,
    ACCT_NAME: name,
    SRC_CODE:
      stringField(values, 'SRC_CODE') ??
      name
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .slice(0, 10),
    CNT_CODE: stringField(values, 'CNT_CODE')?.toUpperCase() ?? 'NL',
    CUR_CODE: stringField(values, 'CUR_CODE') ?? 'EUR',
    REC_BLK: values.REC_BLK ?? false,
    INP_DATE: stamp,
    CNG_DATE: stamp,
  };
  company.tables.CONTACT.push(row);
  return row;
}

function nextDebtorNumber(company: CompanyState): string {
  const numeric = company.tables.CONTACT.map((r) => Number(r.SUB_NR)).filter((n) => Number.isSafeInteger(n));
  const next = Math.max(ASSUMPTIONS.firstDebtorNumber - 1, company.counters.subNr, ...numeric) + 1;
  company.counters.subNr = next;
  return String(next);
}

/**
 * AR1 update through PUT (notes §2.2: AV-PAS sends the same body plus `id`). The debtor is found by
 * `id` (its SUB_NR, REC_ID or integer CONTACT_Id) or else by the row's SUB_NR; SUB_NR itself cannot
 * change. Fields not sent keep their value (a partial update).
 */
export function updateDebtor(company: CompanyState, id: string | undefined, values: Row, now: Date): Row {
  const key = id ?? stringField(values, 'SUB_NR');
  if (!key) throw invalid('PUT needs an id (SUB_NR or REC_ID of the debtor) or a SUB_NR field');
  const row = company.tables.CONTACT.find(
    (r) => r.SUB_NR === key || r.REC_ID === key || (/^\d+$/.test(key) && Number(r.REC_ID) === Number(key)),
  );
  if (!row) throw notFound(`Debtor ${key} not found`);
  const newSubNr = stringField(values, 'SUB_NR');
  if (newSubNr && newSubNr !== row.SUB_NR) throw invalid('CONTACT.SUB_NR cannot be changed');
  for (const [field, value] of Object.entries(values)) {
    if (field !== 'REC_ID' && field !== 'SUB_NR') row[field] = value;
  }
  if (!stringField(row, 'ACCT_NAME')) throw invalid('CONTACT.ACCT_NAME (company or person name) is required');
  row.CNG_DATE = nowLocal(now);
  return row;
}
