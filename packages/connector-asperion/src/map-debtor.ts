/**
 * Koppel customer → Asperion debtor (`POST /v1/debtors`, field names of ASP-GO `types.go`,
 * README.md). A company becomes a company debtor with the contact person in
 * `attentionTo`; a person becomes a debtor named after them. Asperion has one `address` string,
 * so street, house number and addition are joined (README.md).
 */
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import { debtorParties, formatPostCode, streetLine } from '@koppel/order-model';

export type DebtorBody = {
  name: string;
  attentionTo?: string;
  address?: string;
  addressLine2?: string;
  postCode?: string;
  city?: string;
  countryCode?: string;
  emailAddress: string;
  phoneNumber?: string;
  vatNumber?: string;
  paymentConditionId?: number;
};

export type DebtorMappingSettings = { paymentConditionId?: number | undefined };

/** The company/person split is `debtorParties` of `@koppel/order-model`, shared with every target. */
export function mapDebtor(
  customer: CustomerRef,
  order: CanonicalOrder,
  settings: DebtorMappingSettings,
): DebtorBody {
  const parties = debtorParties(customer, order);
  const address = parties.address;
  const body: DebtorBody = { name: parties.name, emailAddress: parties.email };
  setIfPresent(body, 'attentionTo', parties.isCompany ? parties.contactName : '');
  setIfPresent(body, 'address', address ? streetLine(address) : '');
  setIfPresent(body, 'addressLine2', address?.extraLine.trim() ?? '');
  setIfPresent(body, 'postCode', address ? formatPostCode(address.postcode, address.countryCode) : '');
  setIfPresent(body, 'city', address?.city.trim() ?? '');
  setIfPresent(body, 'countryCode', address?.countryCode ?? '');
  setIfPresent(body, 'phoneNumber', parties.phone);
  setIfPresent(body, 'vatNumber', parties.vatNumber);
  if (settings.paymentConditionId !== undefined) body.paymentConditionId = settings.paymentConditionId;
  return body;
}

type OptionalTextField = Exclude<keyof DebtorBody, 'name' | 'emailAddress' | 'paymentConditionId'>;

/** Leaves out what the shop did not send, so the server's defaults apply. */
function setIfPresent(body: DebtorBody, key: OptionalTextField, value: string): void {
  if (value !== '') body[key] = value;
}

/** Fields of a debtor that Koppel keeps up to date; everything else stays as the bookkeeper left it. */
const MANAGED_FIELDS = [
  'name',
  'attentionTo',
  'address',
  'addressLine2',
  'postCode',
  'city',
  'countryCode',
  'emailAddress',
  'phoneNumber',
  'vatNumber',
] as const;

/**
 * The full record for `PUT /v1/debtors/{id}` (a whole replacement): the existing debtor with the
 * managed fields the shop sent laid over it, or null when nothing would change. A value the shop
 * left empty never blanks one the bookkeeper entered.
 */
export function mergeDebtorUpdate(
  existing: Readonly<Record<string, unknown>>,
  update: DebtorBody,
): Record<string, unknown> | null {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(existing)) {
    if (!['_meta', 'id', 'dateAdded', 'dateLastChange'].includes(key)) merged[key] = value;
  }
  let changed = false;
  for (const key of MANAGED_FIELDS) {
    const value = update[key];
    if (value === undefined || value === '' || merged[key] === value) continue;
    merged[key] = value;
    changed = true;
  }
  return changed ? merged : null;
}
