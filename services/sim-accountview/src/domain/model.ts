/**
 * The simulator's state. Rows are stored the way AccountView returns them: UPPER_SNAKE field
 * names; numbers as canonical decimal text (converted to JSON numbers only on the wire).
 */
export type FieldValue = string | boolean | null;
export type Row = Record<string, FieldValue>;

export const TABLE_NAMES = [
  'CONTACT',
  'SO_HDR',
  'SO_LINE',
  'DJ_PAGE',
  'DJ_LINE',
  'ARTICLE',
  'VAT',
  'DAILY',
  'DEL_ADDR',
  'ART_GRP',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];
export type Tables = Record<TableName, Row[]>;

export type CompanyState = {
  Id: string;
  Code: string;
  Description: string;
  tables: Tables;
  /** Stock on hand per article code and warehouse, decimal text. */
  stock: Record<string, Record<string, string>>;
  counters: { recId: number; subNr: number; ordNr: number; invNr: number };
};

export type OAuthClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type Grant = { clientId: string; scopes: string[] };
export type AuthState = {
  clients: OAuthClient[];
  codes: Record<string, Grant & { redirectUri: string; expiresAt: number }>;
  accessTokens: Record<string, Grant & { expiresAt: number }>;
  refreshTokens: Record<string, Grant>;
};

export type SimulatorState = { companies: CompanyState[]; auth: AuthState };

/** Fields answered as JSON numbers (FieldType N/I/Y/B in the AV-GO types), per table. */
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set([
  'ORD_QTY',
  'ART_PX',
  'PD_AMT',
  'AMOUNT',
  'VAT_AMT',
  'TRN_QTY',
  'BASE_AMT',
  'PERIOD',
  'CRED_DAYS',
  'PD_PCT',
  'PX_SELL',
  'QTY_AVAIL',
  'QTY_TECH',
  'QTY_FREE2',
  'COST_PX',
  'VAT_PCT',
  'ACCT_BAL',
  'CRED_LIM',
  'DISC_PCT',
  'LINE_NR',
  'LINE_AMT',
  'ORD_AMT',
  'INV_AMT',
]);

/** Logical fields (FieldType L). */
export const LOGICAL_FIELDS: ReadonlySet<string> = new Set([
  'GROSS_FLG',
  'IS_REVERSE',
  'IS_ABC',
  'REC_BLK',
  'IS_DONE',
]);
