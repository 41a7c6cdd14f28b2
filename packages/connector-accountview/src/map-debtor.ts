/**
 * Koppel customer → AccountView debtor (`AR1` / `CONTACT`, field names of AV-GO `Contact`,
 * AV-PAS and AV-PHP; README "Vendor facts"). A company becomes a company debtor with the contact
 * person in `MAIN_CONT` / `MC_MAILB`; a person becomes a debtor named after them. Dutch postcodes
 * are written `1234 AB`, as AV-PHP does.
 */
import { type Address, type CanonicalOrder, type CustomerRef, DebtorKind } from '@koppel/contracts';
import { normalizeEmail } from '@koppel/order-model';

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

export function isCompany(customer: CustomerRef, order: CanonicalOrder): boolean {
  if (customer.kind === DebtorKind.COMPANY) return true;
  if (customer.kind === DebtorKind.PERSON) return false;
  return (order.customer?.companyName ?? '').trim() !== '';
}

export function mapDebtor(customer: CustomerRef, order: CanonicalOrder): DebtorValues {
  const source = order.customer;
  const contactName = joinName(
    customer.contact?.firstName || source?.firstName,
    customer.contact?.lastName || source?.lastName,
  );
  const email = customer.normalizedEmail || normalizeEmail(customer.contact?.email || source?.email || '');
  const company = isCompany(customer, order);
  const name = (
    customer.displayName.trim() ||
    (company ? source?.companyName?.trim() : contactName) ||
    email
  ).slice(0, MAX_NAME);
  const address = pickAddress(order);
  const values: DebtorValues = { ACCT_NAME: name, MAIL_BUS: email };
  const set = (field: DebtorField, value: string | undefined) => {
    const trimmed = (value ?? '').trim();
    if (trimmed !== '') values[field] = trimmed;
  };
  if (company) {
    set('MAIN_CONT', contactName);
    set('MC_MAILB', email);
    set('VAT_NR', (source?.vatNumber ?? '').replace(/[\s.]+/g, '').toUpperCase());
  }
  if (address) {
    set('ADDRESS1', streetLine(address));
    set('POST_CODE', formatPostCode(address.postcode, address.countryCode));
    set('CITY', address.city);
    set('CNT_CODE', address.countryCode);
  }
  set('TEL_BUS', customer.contact?.phone || source?.phone);
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

/** "Kerkstraat" + "12" + "A" → "Kerkstraat 12 A". */
export function streetLine(address: Pick<Address, 'street' | 'houseNumber' | 'houseNumberAddition'>): string {
  return [address.street, address.houseNumber, address.houseNumberAddition]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** Dutch postcodes as "1234 AB" (AV-PHP formats them so); others as given. */
export function formatPostCode(postcode: string, countryCode: string): string {
  const trimmed = postcode.trim();
  const dutch = /^(\d{4})\s*([A-Za-z]{2})$/.exec(trimmed);
  if (countryCode === 'NL' && dutch) return `${dutch[1]} ${dutch[2]?.toUpperCase()}`;
  return trimmed;
}

function pickAddress(order: CanonicalOrder): Address | undefined {
  const filled = (address: Address | undefined): address is Address =>
    address !== undefined && (address.street.trim() !== '' || address.city.trim() !== '');
  if (filled(order.billingAddress)) return order.billingAddress;
  if (filled(order.shippingAddress)) return order.shippingAddress;
  return undefined;
}

function joinName(first: string | undefined, last: string | undefined): string {
  return [first, last]
    .map((part) => (part ?? '').trim())
    .filter((part) => part !== '')
    .join(' ');
}
