/**
 * The connection check: each credential and setting tried against Asperion (or the simulator),
 * in words a shop owner understands. Order matters: the log-in is tried first (identity server),
 * then the administration (the API refuses a tenant the user may not open with 403, README.md
 * §1.3), then the bookkeeping references the invoices use. A failing step stops the check, since
 * what follows cannot be tried without it.
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { type AppError, toAppError } from '@koppel/errors';
import type { z } from 'zod';
import {
  administrationSchema,
  journalSchema,
  ledgerAccountSchema,
  paymentConditionSchema,
  vatCodeSchema,
} from './api-schemas.js';
import type { AsperionSession } from './session.js';

const S = 'target.settings';
const C = 'target.credentials';

export async function check(session: AsperionSession): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  const login = await checkLogin(session);
  findings.push(...login);
  if (login.some((finding) => !finding.ok)) return findings;
  const administration = await checkAdministration(session);
  findings.push(administration);
  if (!administration.ok) return findings;
  findings.push(...(await checkBookkeeping(session)));
  return findings;
}

async function checkLogin(session: AsperionSession): Promise<CheckFinding[]> {
  try {
    await session.tokens.getAccessToken();
  } catch (caught) {
    return [loginFailure(session, toAppError(caught))];
  }
  return [
    { subject: `${C}.clientSecret`, ok: true, message: 'Asperion accepts Koppel’s client id and secret.' },
    { subject: `${C}.refreshToken`, ok: true, message: 'Koppel may use your Asperion login.' },
  ];
}

function loginFailure(session: AsperionSession, error: AppError): CheckFinding {
  const oauthError = error.details?.error;
  if (
    error.code === 'TARGET_AUTH_FAILED' &&
    (oauthError === 'invalid_client' || oauthError === 'unauthorized_client')
  ) {
    return {
      subject: `${C}.clientSecret`,
      ok: false,
      message:
        'Asperion does not accept Koppel’s client id and secret. Enter the client secret (and client id) ' +
        'exactly as Asperion API support sent them.',
    };
  }
  if (error.code === 'TARGET_AUTH_FAILED') {
    return {
      subject: `${C}.refreshToken`,
      ok: false,
      message:
        'Your Asperion authorisation has expired or was withdrawn. Reconnect Asperion in Koppel and ' +
        'log in again.',
    };
  }
  return {
    subject: `${S}.identityBaseUrl`,
    ok: false,
    message:
      `Koppel could not log in at ${session.settings.identityBaseUrl} (${error.message}). Check the ` +
      'address of the Asperion login server; if it is right, Asperion may be down, so try again later.',
  };
}

async function checkAdministration(session: AsperionSession): Promise<CheckFinding> {
  const id = session.settings.tenantId;
  try {
    const visible = await session.client.list(
      '/v1/administrations',
      {},
      administrationSchema,
      'administration check',
    );
    const name = visible.find((administration) => administration.id === id)?.name;
    return {
      subject: `${S}.tenantId`,
      ok: true,
      message: name
        ? `Koppel books in administration ${id} “${name}”.`
        : `Koppel books in administration ${id}.`,
    };
  } catch (caught) {
    const error = toAppError(caught);
    const status = error.details?.status;
    if (status === 403 || (status === 400 && /tenant/i.test(error.field ?? ''))) {
      return {
        subject: `${S}.tenantId`,
        ok: false,
        message:
          `Asperion does not let the user who connected Koppel open administration ${id}. Check the ` +
          'administration number, or ask that user for access to it in Asperion.',
      };
    }
    if (error.code === 'TARGET_AUTH_FAILED') {
      return {
        subject: `${C}.refreshToken`,
        ok: false,
        message: 'Asperion refused Koppel’s access to your administration. Reconnect Asperion in Koppel.',
      };
    }
    return {
      subject: `${S}.apiBaseUrl`,
      ok: false,
      message:
        `Koppel could not use the Asperion API at ${session.settings.apiBaseUrl} (${error.message}). ` +
        'Check the address; if it is right, Asperion may be down, so try again later.',
    };
  }
}

async function checkBookkeeping(session: AsperionSession): Promise<CheckFinding[]> {
  const settings = session.settings;
  const findings: CheckFinding[] = [];
  const journals = await lookUp(session, '/v1/journals', journalSchema, `${S}.journalId`, findings);
  if (journals) {
    const known = journals.some((journal) => journal.id === settings.journalId);
    findings.push(
      known
        ? { subject: `${S}.journalId`, ok: true, message: `Invoices go into journal ${settings.journalId}.` }
        : missing(
            `${S}.journalId`,
            `Asperion has no journal “${settings.journalId}”. Pick your sales journal.`,
          ),
    );
  }
  const vatCodes = await lookUp(session, '/v1/vatcodes', vatCodeSchema, `${S}.vatCodes`, findings);
  if (vatCodes) {
    const usable = new Set(vatCodes.filter((code) => code.salesCode !== false).map((code) => code.id));
    const unknown = [...new Set(settings.vatCodes.map((rule) => rule.vatCode))].filter(
      (code) => !usable.has(code),
    );
    findings.push(
      unknown.length === 0
        ? { subject: `${S}.vatCodes`, ok: true, message: 'Every VAT code is a sales VAT code in Asperion.' }
        : missing(
            `${S}.vatCodes`,
            `Asperion has no sales VAT code ${unknown.join(', ')}. Use codes of your administration.`,
          ),
    );
  }
  const accounts = await lookUp(
    session,
    '/v1/ledgeraccounts',
    ledgerAccountSchema,
    `${S}.revenueAccounts`,
    findings,
  );
  if (accounts)
    findings.push(
      ...checkLedgerAccounts(session, new Set(accounts.filter((a) => a.disabled !== true).map((a) => a.id))),
    );
  const conditionId = settings.paymentConditionId;
  if (conditionId !== undefined) {
    const subject = `${S}.paymentConditionId`;
    const conditions = await lookUp(
      session,
      '/v1/paymentconditions',
      paymentConditionSchema,
      subject,
      findings,
    );
    if (conditions) {
      findings.push(
        conditions.some((condition) => condition.id === conditionId)
          ? { subject, ok: true, message: `New debtors and invoices get payment condition ${conditionId}.` }
          : missing(
              subject,
              `Asperion has no payment condition ${conditionId}. Pick one of your administration.`,
            ),
      );
    }
  }
  return findings;
}

function checkLedgerAccounts(session: AsperionSession, open: Set<number>): CheckFinding[] {
  const settings = session.settings;
  const fields: [string, (number | undefined)[]][] = [
    ['revenueAccounts', settings.revenueAccounts.map((rule) => rule.ledgerAccountId)],
    ['shippingLedgerAccountId', [settings.shippingLedgerAccountId]],
    ['paymentFeeLedgerAccountId', [settings.paymentFeeLedgerAccountId]],
    ['discountLedgerAccountId', [settings.discountLedgerAccountId]],
  ];
  const findings: CheckFinding[] = [];
  for (const [field, ids] of fields) {
    const set = ids.filter((id): id is number => id !== undefined);
    if (set.length === 0) continue;
    const unknown = [...new Set(set)].filter((id) => !open.has(id));
    findings.push(
      unknown.length === 0
        ? {
            subject: `${S}.${field}`,
            ok: true,
            message: `Ledger account ${set.join(', ')} can be booked on.`,
          }
        : missing(
            `${S}.${field}`,
            `Asperion has no open ledger account ${unknown.join(', ')}. Pick a revenue account of your administration.`,
          ),
    );
  }
  return findings;
}

/** A reference list, or undefined after adding a finding that it could not be read. */
async function lookUp<T>(
  session: AsperionSession,
  path: string,
  item: z.ZodType<T>,
  subject: string,
  findings: CheckFinding[],
): Promise<T[] | undefined> {
  try {
    // The largest page Asperion serves (README), so a big chart of accounts is read in few calls.
    return await session.client.list(path, { pageSize: '100' }, item, `check of ${path}`);
  } catch (caught) {
    findings.push(
      missing(
        subject,
        `Koppel could not read ${path} from Asperion to check this: ${toAppError(caught).message}`,
      ),
    );
    return undefined;
  }
}

function missing(subject: string, message: string): CheckFinding {
  return { subject, ok: false, message };
}
