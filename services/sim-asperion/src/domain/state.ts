import { buildDebtor, nextCustomerNumber } from './debtor-rules.js';
import { toWireTimestamp } from './dates.js';
import { invoicesNumbered } from './invoice-index.js';
import type { AdministrationData, Debtor, OAuthClient, SalesInvoice, User } from './model.js';
import { toCents } from './money.js';
import type { InvoiceNumberRules } from './sales-invoice-rules.js';
import type { AdministrationSeed, AsperionSeed } from './seed-schema.js';
import { ASSUMPTIONS } from './assumptions.js';
import { DebtorBodySchema } from './wire-schemas.js';
import type { IdentityState } from '../identity/identity-state.js';

/** Everything the simulator holds; plain JSON so the optional state file can persist it. */
export type AsperionState = {
  administrations: AdministrationData[];
  users: User[];
  clients: OAuthClient[];
  identity: IdentityState;
};

function administrationFromSeed(seed: AdministrationSeed, nowIso: string): AdministrationData {
  const {
    vatCodes,
    ledgerAccounts,
    journals,
    paymentConditions,
    articles,
    debtors,
    firstInvoiceNumber,
    ...administration
  } = seed;
  const data: AdministrationData = {
    administration,
    vatCodes,
    ledgerAccounts,
    journals,
    paymentConditions,
    articles: articles.map(({ salesPrice, ...a }) => ({
      ...a,
      salesPriceCents: toCents(salesPrice) ?? Math.round(salesPrice * 100),
    })),
    debtors: [],
    salesInvoices: [],
    counters: {
      debtorId: 1,
      invoiceId: 1,
      invoiceLineId: 1,
      invoiceNumber: firstInvoiceNumber ?? ASSUMPTIONS.firstInvoiceNumber,
    },
  };
  for (const raw of debtors) {
    const parsed = DebtorBodySchema.safeParse(raw);
    const built = parsed.success ? buildDebtor(parsed.data, data, nowIso) : undefined;
    if (!built?.ok)
      throw new Error(`invalid seed debtor in administration ${seed.id}: ${JSON.stringify(raw)}`);
    commitDebtor(data, built.value);
  }
  return data;
}

export function stateFromSeed(seed: AsperionSeed, now: Date): AsperionState {
  const nowIso = toWireTimestamp(now);
  const ids = new Set(seed.administrations.map((a) => a.id));
  for (const user of seed.users) {
    const unknown = [...user.administrationIds, user.defaultAdministrationId].filter((id) => !ids.has(id));
    if (unknown.length > 0)
      throw new Error(`user ${user.id} refers to unknown administrations ${unknown.join(',')}`);
  }
  return {
    administrations: seed.administrations.map((a) => administrationFromSeed(a, nowIso)),
    users: seed.users.map((u) => ({ ...u, administrationIds: [...u.administrationIds] })),
    clients: seed.clients.map((c) => ({ ...c, redirectUris: [...c.redirectUris] })),
    identity: { codes: [], accessTokens: [], refreshTokens: [] },
  };
}

/** Stores a validated new debtor: assigns the id and, when empty, the customer number. */
export function commitDebtor(data: AdministrationData, debtor: Debtor): Debtor {
  const stored: Debtor = {
    ...debtor,
    id: data.counters.debtorId++,
    customerNumber: debtor.customerNumber === '' ? nextCustomerNumber(data.debtors) : debtor.customerNumber,
  };
  data.debtors.push(stored);
  return stored;
}

export function replaceDebtor(data: AdministrationData, debtor: Debtor): Debtor {
  const stored: Debtor = {
    ...debtor,
    customerNumber: debtor.customerNumber === '' ? nextCustomerNumber(data.debtors) : debtor.customerNumber,
  };
  data.debtors = data.debtors.map((d) => (d.id === stored.id ? stored : d));
  return stored;
}

/**
 * Stores a validated invoice: assigns ids and, when empty, the next invoice number. A given number
 * is kept even when taken if the permissive mode allows duplicates.
 */
export function commitSalesInvoice(
  data: AdministrationData,
  invoice: SalesInvoice,
  rules: InvoiceNumberRules = { allowDuplicateNumber: false },
): SalesInvoice {
  let invoiceNumber = invoice.invoiceNumber;
  const keep = rules.allowDuplicateNumber && invoiceNumber !== '';
  while (
    !keep &&
    (invoiceNumber === '' ||
      invoicesNumbered(data.salesInvoices, invoiceNumber).some((i) => i.invoiceNumber === invoiceNumber))
  ) {
    invoiceNumber = String(data.counters.invoiceNumber++);
  }
  const stored: SalesInvoice = {
    ...invoice,
    id: data.counters.invoiceId++,
    invoiceNumber,
    lines: invoice.lines.map((l) => ({ ...l, id: data.counters.invoiceLineId++ })),
  };
  data.salesInvoices.push(stored);
  return stored;
}
