import { z } from 'zod';
import { ASSUMPTIONS } from './assumptions.js';
import type { CompanyState, OAuthClient, Row, SimulatorState } from './model.js';

/** Company as `/companies` lists it (notes §2.1: `{ Id, Description, Code }`). */
export const companySeedSchema = z.object({
  Id: z.string().min(1),
  Code: z.string().min(1),
  Description: z.string().min(1),
});
export type CompanySeed = z.infer<typeof companySeedSchema>;

export const clientSeedSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.url()).min(1),
});

export const DEFAULT_COMPANY: CompanySeed = {
  Id: '7c1f3a52-4b8e-4d0a-9a41-3e2f6b5c8d01',
  Code: 'DEMO',
  Description: 'Koppel Demo BV',
};

export const DEFAULT_CLIENT: OAuthClient = {
  clientId: 'koppel-sandbox',
  clientSecret: 'sandbox-secret',
  redirectUris: ['http://localhost:8080/oauth/accountview/callback'],
};

/**
 * Reference data every new administration starts with: NL VAT codes (notes §5: 21 %, 9 %, 0 %,
 * reverse charge; the code strings are administration-specific, these are this sim's choice) and
 * the sales daybook AV-PAS looks up by name "Verkoopboek".
 */
function referenceRows(): { VAT: Row[]; DAILY: Row[] } {
  const vat = (code: string, name: string, pct: string, reverse: boolean): Row => ({
    VAT_CODE: code,
    VAT_NAME: name,
    VAT_PCT: pct,
    VAT_TYPE: 'V',
    IS_REVERSE: reverse,
    IS_ABC: false,
    VAT_ACCT: '1500',
  });
  return {
    VAT: [
      vat('0', 'Geen btw', '0', false),
      vat('1', 'Btw laag verkopen', '9', false),
      vat('2', 'Btw hoog verkopen', '21', false),
      vat('3', 'Btw verlegd verkopen', '0', true),
      vat('4', 'Intracommunautaire levering', '0', false),
    ],
    DAILY: [
      { DJ_CODE: '70', DJ_NAME: 'Verkoopboek', DJ_TYPE: 'V' },
      { DJ_CODE: '60', DJ_NAME: 'Inkoopboek', DJ_TYPE: 'I' },
      { DJ_CODE: '20', DJ_NAME: 'Bank', DJ_TYPE: 'B' },
    ],
  };
}

export function createCompany(seed: CompanySeed): CompanyState {
  const ref = referenceRows();
  const company: CompanyState = {
    ...seed,
    tables: {
      CONTACT: [],
      SO_HDR: [],
      SO_LINE: [],
      DJ_PAGE: [],
      DJ_LINE: [],
      ARTICLE: [],
      VAT: [],
      DAILY: [],
      DEL_ADDR: [],
      ART_GRP: [],
    },
    stock: {},
    counters: { recId: 0, subNr: 0, ordNr: ASSUMPTIONS.firstSalesOrderNumber - 1, invNr: 0 },
  };
  let recId = 0;
  const withId = (r: Row): Row => ({ REC_ID: String(++recId).padStart(10, '0'), ...r });
  company.tables.VAT = ref.VAT.map(withId);
  company.tables.DAILY = ref.DAILY.map(withId);
  company.counters.recId = recId;
  return company;
}

export function createInitialState(
  companies: readonly CompanySeed[],
  clients: readonly OAuthClient[],
): SimulatorState {
  return {
    companies: companies.map(createCompany),
    auth: {
      clients: clients.map((c) => ({ ...c, redirectUris: [...c.redirectUris] })),
      codes: {},
      accessTokens: {},
      refreshTokens: {},
    },
  };
}
