/**
 * The connection check: one finding per credential and setting, tried against AccountView in
 * words a shop owner can act on. The OAuth client and refresh token first (nothing else can be
 * tried without them), then the company (`x-company`), the VAT codes (`VA1`), the sales daybook
 * (`DJ1`), the default debtor (`AR1`) and the articles of cost lines (`AK1`).
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import { z } from 'zod';
import type { AccountviewSession } from './session.js';

const companiesSchema = z.array(z.object({ Id: z.string(), Description: z.string().nullish() }).loose());
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : String(value ?? ''));

export async function check(session: AccountviewSession): Promise<CheckFinding[]> {
  const { settings } = session;
  try {
    await session.tokens.getAccessToken();
  } catch (error) {
    return [
      {
        subject: (isAppError(error) && error.field) || 'target.credentials',
        ok: false,
        message: reason(error),
      },
    ];
  }
  const findings: CheckFinding[] = [
    {
      subject: 'target.credentials',
      ok: true,
      message: 'AccountView accepts the API key, secret and authorisation',
    },
  ];
  const company = await attempt('target.settings.companyId', async () => {
    const companies = await session.client.get('/companies', companiesSchema, 'company list');
    const match = companies.find((c) => c.Id.toLowerCase() === settings.companyId.toLowerCase());
    if (!match)
      return `company ${settings.companyId} is not one this AccountView login can open; pick the company id from the AccountView portal`;
    await session.client.read('VA1', [], 'VAT codes', 1);
    return { ok: `company "${match.Description ?? match.Id}" is reachable` };
  });
  findings.push(company);
  if (!company.ok) return findings;

  findings.push(
    await attempt('target.settings.vatCodes', async () => {
      const rows = (await session.client.read('VA1', [], 'VAT codes', 1000)).VAT ?? [];
      const known = new Set(rows.map((row) => text(row.VAT_CODE)));
      const unknown = [...new Set(settings.vatCodes.map((rule) => rule.vatCode))].filter(
        (code) => !known.has(code),
      );
      return unknown.length > 0
        ? `AccountView has no VAT code ${unknown.join(', ')}; use a code from the VAT table (Btw-codes)`
        : { ok: 'every VAT code exists' };
    }),
  );
  if (settings.documentType === 'journal-page') {
    findings.push(
      await attempt('target.settings.daybookCode', async () => {
        const rows = (await session.client.read('DJ1', [], 'daybooks', 1000)).DAILY ?? [];
        return rows.some((row) => text(row.DJ_CODE) === settings.daybookCode)
          ? { ok: `daybook ${settings.daybookCode} exists` }
          : `AccountView has no daybook ${settings.daybookCode}; use the code of the sales daybook (Verkoopboek)`;
      }),
    );
  }
  const debtorNumber = settings.defaultDebtorNumber;
  if (debtorNumber !== undefined) {
    findings.push(
      await attempt('target.settings.defaultDebtorNumber', async () => {
        const rows = (
          await session.client.read('AR1', [{ field: 'SUB_NR', value: debtorNumber }], 'default debtor')
        ).CONTACT;
        return (rows ?? []).some((row) => text(row.SUB_NR) === debtorNumber)
          ? { ok: `default debtor ${debtorNumber} exists` }
          : `AccountView has no debtor ${debtorNumber}; set an existing debtor number as the default debtor`;
      }),
    );
  }
  if (settings.documentType === 'sales-order') {
    for (const setting of [
      'shippingArticleCode',
      'paymentFeeArticleCode',
      'discountArticleCode',
      'roundingArticleCode',
      'textArticleCode',
    ] as const) {
      const code = settings[setting];
      if (code === undefined) continue;
      findings.push(
        await attempt(`target.settings.${setting}`, async () => {
          const rows = (await session.client.read('AK1', [{ field: 'ART_CODE', value: code }], 'article', 1))
            .ARTICLE;
          return (rows ?? []).some((row) => text(row.ART_CODE) === code)
            ? { ok: `article ${code} exists` }
            : `AccountView has no article ${code}; create it or choose an existing article`;
        }),
      );
    }
  }
  return findings;
}

/** Runs one probe: a string is what is wrong, `{ok}` what works; a thrown error is its reason. */
async function attempt(
  subject: string,
  probe: () => Promise<string | { ok: string }>,
): Promise<CheckFinding> {
  try {
    const outcome = await probe();
    return typeof outcome === 'string'
      ? { subject, ok: false, message: outcome }
      : { subject, ok: true, message: outcome.ok };
  } catch (error) {
    return { subject, ok: false, message: reason(error) };
  }
}

function reason(error: unknown): string {
  if (isAppError(error)) return error.message;
  return `AccountView could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}
