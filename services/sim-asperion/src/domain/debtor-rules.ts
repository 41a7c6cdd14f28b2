import { ASSUMPTIONS } from './assumptions.js';
import { fail, type Issue, ok, type Result } from './issues.js';
import type { AdministrationData, Debtor } from './model.js';

/** A debtor as received on POST/PUT after type parsing (every field optional, notes §1.5). */
export type DebtorInput = {
  id?: number | null | undefined;
  customerNumber?: string | null | undefined;
  name?: string | null | undefined;
  paymentConditionId?: number | null | undefined;
  emailAddress?: string | null | undefined;
  countryCode?: string | null | undefined;
  directDebit?: boolean | null | undefined;
  blocked?: boolean | null | undefined;
  noReminder?: boolean | null | undefined;
  comments?: string | null | undefined;
  characteristic4?: string | null | undefined;
  characteristic5?: string | null | undefined;
} & Partial<Record<DebtorTextField, string | null | undefined>>;

export const DEBTOR_TEXT_FIELDS = [
  'address',
  'addressLine2',
  'addressLine3',
  'postCode',
  'city',
  'attentionTo',
  'phoneNumber',
  'mobileNumber',
  'faxNumber',
  'vatNumber',
  'cocNumber',
  'iban',
  'bic',
  'bban',
  'debtorKindId',
  'paymentMethodId',
] as const;
type DebtorTextField = (typeof DEBTOR_TEXT_FIELDS)[number];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIMITS = ASSUMPTIONS.debtorMaxLengths;

function checkLength(issues: Issue[], field: keyof typeof LIMITS, value: string): void {
  if (value.length > LIMITS[field]) issues.push({ field, key: 'tooLong', params: { max: LIMITS[field] } });
}

/**
 * Validates a debtor against the administration and returns the record to store. `existing` is
 * set for PUT (full replacement of every writable field; see README). `customerNumber` stays empty
 * when the caller omitted it; the store assigns one on commit.
 */
export function buildDebtor(
  input: DebtorInput,
  data: AdministrationData,
  nowIso: string,
  existing?: Debtor,
): Result<Debtor> {
  const issues: Issue[] = [];
  if (!existing && input.id !== undefined && input.id !== null && input.id !== 0) {
    issues.push({ field: 'id', key: 'mustNotBeSet' });
  }
  if (existing && input.id !== undefined && input.id !== null && input.id !== 0 && input.id !== existing.id) {
    issues.push({ field: 'id', key: 'idMismatch' });
  }
  const name = (input.name ?? '').trim();
  if (name === '') issues.push({ field: 'name', key: 'required', params: { field: 'name' } });
  checkLength(issues, 'name', name);
  const customerNumber = (input.customerNumber ?? '').trim() || existing?.customerNumber || '';
  checkLength(issues, 'customerNumber', customerNumber);
  if (
    customerNumber !== '' &&
    data.debtors.some(
      (d) => d.id !== existing?.id && d.customerNumber.toLowerCase() === customerNumber.toLowerCase(),
    )
  ) {
    issues.push({
      field: 'customerNumber',
      key: 'duplicateCustomerNumber',
      params: { value: customerNumber },
    });
  }
  const emailAddress = (input.emailAddress ?? '').trim();
  if (emailAddress !== '' && !EMAIL.test(emailAddress))
    issues.push({ field: 'emailAddress', key: 'invalidEmail' });
  checkLength(issues, 'emailAddress', emailAddress);
  const countryCode = (input.countryCode ?? '').trim().toUpperCase();
  if (countryCode !== '' && !/^[A-Z]{2}$/.test(countryCode))
    issues.push({ field: 'countryCode', key: 'invalidCountry' });
  const paymentConditionId = input.paymentConditionId ? input.paymentConditionId : null;
  if (paymentConditionId !== null && !data.paymentConditions.some((p) => p.id === paymentConditionId)) {
    issues.push({
      field: 'paymentConditionId',
      key: 'unknownPaymentCondition',
      params: { value: paymentConditionId },
    });
  }
  const text = Object.fromEntries(DEBTOR_TEXT_FIELDS.map((f) => [f, (input[f] ?? '').trim()])) as Record<
    DebtorTextField,
    string
  >;
  checkLength(issues, 'address', text.address);
  checkLength(issues, 'postCode', text.postCode);
  checkLength(issues, 'city', text.city);
  if (issues.length > 0) return fail(issues);
  return ok({
    id: existing?.id ?? 0,
    customerNumber,
    name,
    ...text,
    countryCode,
    emailAddress,
    paymentConditionId,
    directDebit: input.directDebit ?? false,
    blocked: input.blocked ?? false,
    noReminder: input.noReminder ?? false,
    comments: input.comments ?? null,
    characteristic4: input.characteristic4 ?? null,
    characteristic5: input.characteristic5 ?? null,
    dateAdded: existing?.dateAdded ?? nowIso,
    dateLastChange: nowIso,
  });
}

/** Next free numeric customer number (notes §1.5 [I]: auto-assign when empty). */
export function nextCustomerNumber(debtors: Debtor[]): string {
  const numeric = debtors
    .map((d) => d.customerNumber)
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
  return String(Math.max(ASSUMPTIONS.firstCustomerNumber - 1, ...numeric) + 1);
}
