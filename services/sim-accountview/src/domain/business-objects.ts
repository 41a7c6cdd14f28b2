import type { TableName } from './model.js';

/**
 * The business objects the simulator serves (notes §2.3), with the table each answers, its detail
 * table, the key used by `lastKey` paging (AV-RUBY `check_next`) and what it allows
 * (as `/accountviewsystembusinessobjects` reports InsertAllowed/UpdateAllowed/DeleteAllowed).
 */
export type BusinessObject = {
  code: string;
  description: string;
  table: TableName;
  detail?: { table: TableName; link: readonly string[] };
  /** Extra, always-empty tables a real response carries (AR1 answers USR_LINK too). */
  emptyTables: readonly string[];
  key: string;
  insert: boolean;
  update: boolean;
};

const catalogue: readonly BusinessObject[] = [
  {
    code: 'AR1',
    description: 'Debiteuren',
    table: 'CONTACT',
    emptyTables: ['USR_LINK'],
    key: 'SUB_NR',
    insert: true,
    update: true,
  },
  {
    code: 'SO1',
    description: 'Verkooporders',
    table: 'SO_HDR',
    emptyTables: [],
    key: 'REC_ID',
    insert: true,
    update: false,
    detail: { table: 'SO_LINE', link: ['ORD_NR'] },
  },
  {
    code: 'DJ2',
    description: 'Dagboekbladzijden',
    table: 'DJ_PAGE',
    emptyTables: [],
    key: 'REC_ID',
    insert: true,
    update: false,
    detail: { table: 'DJ_LINE', link: ['DJ_CODE', 'INV_NR'] },
  },
  {
    code: 'DJ2P',
    description: 'Dagboekbladzijden (lezen)',
    table: 'DJ_PAGE',
    emptyTables: [],
    key: 'REC_ID',
    insert: false,
    update: false,
    detail: { table: 'DJ_LINE', link: ['DJ_CODE', 'INV_NR'] },
  },
  {
    code: 'ADDR',
    description: 'Afleveradressen',
    table: 'DEL_ADDR',
    emptyTables: [],
    key: 'REC_ID',
    insert: true,
    update: false,
  },
  {
    code: 'AG1',
    description: 'Artikelgroepen',
    table: 'ART_GRP',
    emptyTables: [],
    key: 'REC_ID',
    insert: false,
    update: false,
  },
  {
    code: 'AK1',
    description: 'Artikelen',
    table: 'ARTICLE',
    emptyTables: [],
    key: 'REC_ID',
    insert: false,
    update: false,
  },
  {
    code: 'VA1',
    description: 'Btw-codes',
    table: 'VAT',
    emptyTables: [],
    key: 'REC_ID',
    insert: false,
    update: false,
  },
  {
    code: 'DJ1',
    description: 'Dagboeken',
    table: 'DAILY',
    emptyTables: [],
    key: 'REC_ID',
    insert: false,
    update: false,
  },
];

export function findBusinessObject(code: string): BusinessObject | undefined {
  const upper = code.toUpperCase();
  return catalogue.find((bo) => bo.code === upper);
}

export function listBusinessObjects(): readonly BusinessObject[] {
  return catalogue;
}
