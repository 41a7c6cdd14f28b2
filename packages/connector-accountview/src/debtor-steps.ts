/**
 * Debtor steps (AR1 / CONTACT, README "Vendor facts"): find by e-mail (`MAIL_BUS`, as AV-PHP
 * does), create, update with PUT (AV-PAS). With a default debtor set, every generic step answers
 * that one debtor — found "by e-mail" for any customer, never created nor changed — so the
 * delivery steps and the debtor binding need no special case.
 */
import type { TargetDebtor } from '@koppel/connector-sdk';
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import { normalizeEmail } from '@koppel/order-model';
import { accountviewError } from './errors.js';
import { DEBTOR_FIELDS, type DebtorValues, debtorChanges, mapDebtor } from './map-debtor.js';
import { toWriteBody } from './payload.js';
import type { AccountviewSession } from './session.js';

type ContactRow = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : String(value ?? ''));

async function contactsWhere(
  session: AccountviewSession,
  field: string,
  value: string,
): Promise<ContactRow[]> {
  const rows = await session.client.read('AR1', [{ field, value }], `debtor lookup by ${field}`);
  // Filtered again here: a server that ignored the filter must not hand back someone else.
  return (rows.CONTACT ?? []).filter((row) => text(row[field]).toLowerCase() === value.toLowerCase());
}

export async function defaultDebtor(session: AccountviewSession, number: string): Promise<TargetDebtor> {
  const row = (await contactsWhere(session, 'SUB_NR', number))[0];
  if (!row)
    throw accountviewError(
      'DEFAULT_DEBTOR_NOT_FOUND',
      `the default debtor ${number} does not exist in AccountView`,
      {
        field: 'target.settings.defaultDebtorNumber',
      },
    );
  return toTargetDebtor(row);
}

export async function findDebtorByEmail(
  session: AccountviewSession,
  email: string,
): Promise<TargetDebtor | null> {
  const fixed = session.settings.defaultDebtorNumber;
  if (fixed !== undefined) return defaultDebtor(session, fixed);
  const wanted = normalizeEmail(email);
  if (wanted === '') return null;
  // AccountView compares text exactly (FoxPro): Koppel writes e-mail addresses in lower case.
  const matches = (await contactsWhere(session, 'MAIL_BUS', wanted)).filter((row) => row.REC_BLK !== true);
  matches.sort((a, b) => text(a.SUB_NR).localeCompare(text(b.SUB_NR), 'en', { numeric: true }));
  const first = matches[0];
  return first ? toTargetDebtor(first) : null;
}

export async function createDebtor(
  session: AccountviewSession,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  const fixed = session.settings.defaultDebtorNumber;
  if (fixed !== undefined) return defaultDebtor(session, fixed);
  const values = mapDebtor(customer, order);
  const created = await session.client.write('POST', debtorBody(values), 'debtor creation');
  const row = created.CONTACT?.[0];
  if (!row) throw appError('TARGET_REJECTED', 'AccountView answered the debtor creation without a debtor');
  return toTargetDebtor(row);
}

/**
 * What `updateDebtor` writes from the shop's data, and the shared default debtor that replaces it
 * when set: Koppel keeps its digest, so a known customer whose details did not change costs no call.
 */
export function debtorDetails(session: AccountviewSession, customer: CustomerRef, order: CanonicalOrder) {
  return { defaultDebtor: session.settings.defaultDebtorNumber ?? null, debtor: mapDebtor(customer, order) };
}

export async function updateDebtor(
  session: AccountviewSession,
  debtor: TargetDebtor,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  // The shared default debtor is never overwritten with one customer's details.
  const fixed = session.settings.defaultDebtorNumber;
  if (fixed !== undefined) return fixed === debtor.targetId ? debtor : defaultDebtor(session, fixed);
  const existing = (await contactsWhere(session, 'SUB_NR', debtor.targetId))[0];
  if (!existing)
    throw appError('TARGET_REJECTED', `debtor ${debtor.targetId} no longer exists in AccountView`, {
      field: 'debtor.targetId',
    });
  const changes = debtorChanges(existing, mapDebtor(customer, order));
  if (changes === null) return toTargetDebtor(existing);
  const updated = await session.client.write('PUT', debtorBody(changes, debtor.targetId), 'debtor update');
  return toTargetDebtor(updated.CONTACT?.[0] ?? existing);
}

/** A CONTACT row with the fields given (PUT is partial: fields not sent keep their value). */
function debtorBody(values: Partial<DebtorValues>, id?: string) {
  const fields = DEBTOR_FIELDS.filter((field) => values[field] !== undefined).map(
    (field) => [field, 'C'] as const,
  );
  return toWriteBody({
    businessObject: 'AR1',
    id,
    header: { table: 'CONTACT', fields, rows: [values] },
  });
}

function toTargetDebtor(row: ContactRow): TargetDebtor {
  return { targetId: text(row.SUB_NR), name: text(row.ACCT_NAME), email: text(row.MAIL_BUS) };
}
