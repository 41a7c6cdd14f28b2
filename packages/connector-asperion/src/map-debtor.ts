/**
 * Koppel customer → Asperion debtor (`POST /v1/debtors`, field names of ASP-GO `types.go`,
 * README.md). A company becomes a company debtor with the contact person in
 * `attentionTo`; a person becomes a debtor named after them. Asperion has one `address` string,
 * so street, house number and addition are joined (README.md).
 */
import { type Address, type CanonicalOrder, type CustomerRef, DebtorKind } from '@koppel/contracts';
import { normalizeEmail } from '@koppel/order-model';

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

export function isCompany(customer: CustomerRef, order: CanonicalOrder): boolean {
  if (customer.kind === DebtorKind.COMPANY) return true;
  if (customer.kind === DebtorKind.PERSON) return false;
  return (order.customer?.companyName ?? '').trim() !== '';
}

export function mapDebtor(
  customer: CustomerRef,
  order: CanonicalOrder,
  settings: DebtorMappingSettings,
): DebtorBody {
  const source = order.customer;
  const contactName = joinName(
    customer.contact?.firstName || source?.firstName,
    customer.contact?.lastName || source?.lastName,
  );
  const email = customer.normalizedEmail || normalizeEmail(customer.contact?.email || source?.email || '');
  const company = isCompany(customer, order);
  const name = customer.displayName.trim() || (company ? source?.companyName?.trim() : contactName) || email;
  const address = pickAddress(order);
  const body: DebtorBody = { name, emailAddress: email };
  setIfPresent(body, 'attentionTo', company ? contactName : '');
  setIfPresent(body, 'address', address ? streetLine(address) : '');
  setIfPresent(body, 'addressLine2', address?.extraLine.trim() ?? '');
  setIfPresent(body, 'postCode', address ? formatPostCode(address.postcode, address.countryCode) : '');
  setIfPresent(body, 'city', address?.city.trim() ?? '');
  setIfPresent(body, 'countryCode', address?.countryCode ?? '');
  setIfPresent(body, 'phoneNumber', (customer.contact?.phone || source?.phone || '').trim());
  setIfPresent(body, 'vatNumber', company ? (source?.vatNumber ?? '').replace(/\s+/g, '').toUpperCase() : '');
  if (settings.paymentConditionId !== undefined) body.paymentConditionId = settings.paymentConditionId;
  return body;
}

/** "Kerkstraat" + "12" + "A" → "Kerkstraat 12 A" (PostNL writes the addition after a space). */
export function streetLine(address: Pick<Address, 'street' | 'houseNumber' | 'houseNumberAddition'>): string {
  return [address.street, address.houseNumber, address.houseNumberAddition]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** Dutch postcodes as "1234 AB" (the form Dutch bookkeeping shows, README.md); others as given. */
export function formatPostCode(postcode: string, countryCode: string): string {
  const trimmed = postcode.trim();
  const dutch = /^(\d{4})\s*([A-Za-z]{2})$/.exec(trimmed);
  if (countryCode === 'NL' && dutch) return `${dutch[1]} ${dutch[2]?.toUpperCase()}`;
  return trimmed;
}

/** The billing address, or the shipping address when the shop sent no billing address. */
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
