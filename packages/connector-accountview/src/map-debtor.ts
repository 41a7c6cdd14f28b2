/**
 * Koppel customer → AccountView debtor (`AR1` / `CONTACT`, field names of AV-GO `Contact`,
 * AV-PAS and AV-PHP; README "Vendor facts"). A company becomes a company debtor with the contact
 * person in `MAIN_CONT` / `MC_MAILB`; a person becomes a debtor named after them. Dutch postcodes
 * are written `1234 AB`, as AV-PHP does.
 */
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import { debtorParties, formatPostCode, streetLine } from '@koppel/order-model';

/** CONTACT fields Koppel writes, all FieldType C. Everything else stays as the bookkeeper left it. */
export const DEBTOR_FIELDS = [
  'ACCT_NAME',
  'MAIL_BUS',
  'MAIN_CONT',
  'MC_MAILB',
  'ADDRESS1',
  'POST_CODE',
  'CITY',
  'CNT_CODE',
  'TEL_BUS',
  'VAT_NR',
] as const;
export type DebtorField = (typeof DEBTOR_FIELDS)[number] | 'DISC_CODE';
export type DebtorValues = Partial<Record<DebtorField, string>> & { ACCT_NAME: string; MAIL_BUS: string };

const MAX_NAME = 50;

/** The company/person split is `debtorParties` of `@koppel/order-model`, shared with every target. */
export function mapDebtor(customer: CustomerRef, order: CanonicalOrder): DebtorValues {
  const parties = debtorParties(customer, order);
  const values: DebtorValues = { ACCT_NAME: parties.name.slice(0, MAX_NAME), MAIL_BUS: parties.email };
  const set = (field: DebtorField, value: string | undefined) => {
    const trimmed = (value ?? '').trim();
    if (trimmed !== '') values[field] = trimmed;
  };
  if (parties.isCompany) {
    set('MAIN_CONT', parties.contactName);
    set('MC_MAILB', parties.email);
    set('VAT_NR', parties.vatNumber);
  }
  const address = parties.address;
  if (address) {
    set('ADDRESS1', streetLine(address));
    set('POST_CODE', formatPostCode(address.postcode, address.countryCode));
    set('CITY', address.city);
    set('CNT_CODE', address.countryCode);
  }
  set('TEL_BUS', parties.phone);
  return values;
}

/**
 * The fields of `update` that differ from the stored debtor, or null when nothing would change.
 * A value the shop left empty never blanks one the bookkeeper entered.
 */
export function debtorChanges(
  existing: Readonly<Record<string, unknown>>,
  update: DebtorValues,
): Partial<Record<DebtorField, string>> | null {
  const changes: Partial<Record<DebtorField, string>> = {};
  for (const field of DEBTOR_FIELDS) {
    const value = update[field];
    if (value === undefined || value === '') continue;
    const current = existing[field];
    if (typeof current === 'string' && current.trim() === value) continue;
    changes[field] = value;
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
