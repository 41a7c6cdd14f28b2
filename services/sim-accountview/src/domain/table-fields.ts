import { invalid } from '../errors.js';
import type { Row, TableName } from './model.js';

/**
 * The field names each table knows. A POST/PUT definition naming another field is refused with 400
 * (README "Status codes": unknown field), and so is a filter on one: AccountView is a fixed FoxPro
 * data model, a misspelt field must not be stored silently nor make a lookup find nothing.
 *
 * Sources: CONTACT, DJ_PAGE, DJ_LINE, VAT and DAILY are the JSON tags of the AV-GO structs
 * `Contact`, `DjPage`, `DjLine`, `VAT`, `Daily`
 * (https://github.com/omniboost/go-accountview.net, `acct_rec_types.go`, `dj_page_type.go`,
 * `dj_line_type.go`, `types.go`). SO_HDR, SO_LINE, DEL_ADDR, ARTICLE and ART_GRP have no public
 * type: their lists are the fields the notes show (§2.4, §2.5, §2.7) plus the ones the simulator
 * answers itself [I]. Every table also knows REC_ID, INP_DATE, CNG_DATE, EXT_KEY and `<TABLE>_Id`.
 */
const words = (text: string): string[] => text.trim().split(/\s+/);

const COMMON = words('REC_ID INP_DATE CNG_DATE EXT_KEY');

const CATALOGUE: Record<TableName, readonly string[]> = {
  CONTACT: words(`
    ACCT_BAL ACCT_BAL2 ACCT_LINK ACCT_NAME ACCT_NR ACCT_SND ADDRESS1 ADDR_LINE1 ADDR_LINE2 ADMIN_CONT
    ADMIN_NAME ADMIN_PP ADM_DEAR AIEI_MAND AIEM_MAND AIPR_MAND AI_NOWF AMT_DD AMT_DDMAX AMT_PAY AMT_REC
    AMT_REST AMT_REST2 APX_LIST AUTH_EMP AUTO_INV BANK_ACC2 BANK_ACCT BANK_AC_N1 BANK_AC_N2 BANK_SPLIT
    BLK_ACCT BLK_BNK BLK_DATE BLK_EINV BLK_IBAN BLK_PCT BLK_SP BNK_CLEAR BNK_CODE1 BNK_CODE2 BOS_CODE
    BOX_CITY BV_NR BV_PCT BV_SUB CHN_ADRESS CHN_CITY CHN_CMAIL CHN_CONT CHN_FAX CHN_MAIL CHN_MEMB CHN_NAME
    CHN_TEL CHN_TYPE CITY CNG_NR CNG_USR CNT_CODE COC_CODE COMMENT1 COUNTRY CPA_CODE CRED_BAL CRED_LIM
    CRED_SHOW CR_AMT CUR_CODE CUR_SIGN DD_ACT DEB_NR DEB_NRV DEB_SHOW DISC_CODE DISC_PCT DJIP_ACOR
    DJIP_A_MAX DJIP_A_UM DJIP_GRP DJIP_TO_PI DJIP_WNOTE DR_AMT EIA EL_CI EL_DP EL_PO EL_PS EL_RE EL_SBS
    EL_SI EL_SO EMP_CAT EMP_NR FAX_BUS FIRST_WF GIRO GRAY_DATE GRAY_INFO GRAY_LIM GRAY_SCORE HDQ_CODE
    HDQ_MEMB IBAN_NR IBAN_NR2 ICAT_CODE ICNT_CODE IMM_WF INP_USR INV_ADDRES INV_ANNEX ISHP_CODE ISXF_CODE
    ISYS_CODE IS_COMP IS_THIRD ITYPE_CODV ITYP_CODE K_VAL_DATE LB_NR LB_PCT LB_SUB LNG_CODE LNK_ACCT
    MAIL_BUS MAIL_OPT MAIN_CONT MAIN_PP MAND_B2B MAND_DATE MAND_ID MC_DEAR MC_MAILB MRN_LIST NO_APPR
    OPP_CURSOL OPP_SRC PAY_NAME PCT_LIST PD_PFX PG_BLK POL_PRIO POST_CODE PO_BOX PO_CITY PO_CODE
    PROJ_CRED QD_CODE REC_BLK REM_ADDR REM_BLK REV_CAT RPL_CHN RPL_GRP RPL_INV RPL_TYPE RPL_USER SALE_AMT
    SALE_PY SCAN_ID SG_CODE SHIP_COMP SHIP_MTH SHOW_MEMPO SHOW_MEMSO SIC_CODE SO_ANNEX SP_POSTADR
    SRC_CODE SRC_PC ST_EXTRA ST_NR ST_PROP ST_REGION ST_STREET SUB_NR SYNC_STATE TEL_BUS TEL_MOB
    TRANS_NR VAT_CODE VAT_DATE VAT_NR VIS_ADDRES WF_AUTHEMP WF_DIRECT WWW_URL`),
  DJ_PAGE: words(`
    ACCT_NR ACCT_POST ACCT_UPD APPR_SEQ APPR_STATE AUTH_DATE AUTH_NR AUTH_USR BLK_AMT BLK_CUR BV_AMT
    BV_CUR CARD_NAME CARD_NR CHECK_AMT CHECK_PRN CHECK_WD CLT_UPD CNG_NR CNG_USR COMMENT1 COST_CODE
    CRED_DAYS CUR_AMT CUR_CODE CUR_VAT DD_ACT DISC_CODE DISC_DAYS DJL_RATE DJ_CODE DOC_ID DOC_TYPE
    EA_VOUCHER EBANK_ID EBANK_STAT EXCH_RATE EXP_CLI EXP_DATE EXP_DJP EXP_SYS EXT_DESC FIRST_WF GROSS_FLG
    HDR_DESC IMP_CODE INP_USR INV_NR LB_AMT LB_CUR MAND_B2B MAND_DATE MAND_ID MAND_SEQ NETT_AMT NO_POST
    OWN_CNG_DT PAGE_AMT PAGE_AMTT PAGE_EAMT PAGE_NR PAGE_NRD PAGE_NRV PAGE_VAT PAYIN_ID PAY_ID PAY_TYPE
    PD_AMT PD_PCT PERIOD PREV_AMT PRN_CHECK PRN_RA PROJ_CODE REC_BLK STMT_DATE STMT_LINE STMT_NR SUB_NR
    SYS_GEN SYS_VAL TGT_BAL TRN_DATE USR_NAME VEXCH_RATE INV_AMT`),
  DJ_LINE: words(`
    ACCR_PY ACCT_NR ADM_CODE AMOUNT BANK_DESC BASE_AMT BEG_PER CN_ID COST_CODE CRED_DAYS CUR_AMT CUR_CODE
    CUR_VAT DIF_AMT DIF_CUR DIF_TYPE DIST_CODE DIST_QTY DJL_RATE DJ_CODE EBNK_STAT END_PER EXCH_RATE
    EXP_ID GREK_TYPE HOME_DIF INV_NR OBLI_NR PAGE_NR PAGE_NRV PART_CODE PC_CODE PDIF_VAT PROJ_CODE RA_AMT
    RA_DISC REC_ORD SRC_ID SRC_TYPE SUB_NR TRN_DATE TRN_DESC TRN_QTY TRN_WGT VAT_AMT VAT_CODE VEXCH_RATE
    WKR_TRN DJ_PAGE_Id LINE_NR GENERATED`),
  VAT: words(`
    ACCT_MEMO CALC_CUM CALC_TYPE CNG_NR CNG_USR COGS_TYPE FRM_CODE FRM_MEMO INP_USR IS_ABC IS_REVERSE
    VAT_ACCT VAT_CODE VAT_LINK VAT_NAME VAT_PCT VAT_TYPE`),
  DAILY: words(`
    ACCT_PUW ACCT_RUW BNK_ACCT BNK_ACCTV BNK_CODE CHECK_NR CHK_BAL CHK_DIF CLT_BLK CNG_BLK CNG_NR CNG_USR
    CNT_CODE CRED_LIM CUR_CODE DJP_BLK DJ_ACCT DJ_CODE DJ_COMB DJ_EXT DJ_NAME DJ_OWNER DJ_RECON DJ_TYPE
    DJ_TYPEV EXCH_STAT GREK_BANK GROSS_FLG HDR_DESC IBAN_NR INP_USR LAY_CHECK LAY_REMIT LINE_DESC
    LST_STMT NUM_AUTO NUM_GRP PA_CODE PD_DESC SEND_APPR SYS_VAL PAGE_NR PAGE_NRV PAGE_NRD`),
  // AV-PHP `sendOrder` (notes §2.5) + DISC_CODE (payment terms, as on CONTACT) + server fields.
  SO_HDR: words(`
    INV_DATE RPL_INV DEL_DATE COMMENT1 ORD_DATE RPL_DEL TO_EMAIL PD_AMT DEL_CODE DISC_CODE ORD_NR ORD_AMT`),
  // AV-PHP + ART_DESC1 (text lines, README) + VAT_CODE (as on ARTICLE) + server fields.
  SO_LINE: words('DEL_DATE ART_CODE ART_DESC1 ORD_QTY ART_PX VAT_CODE ORD_NR LINE_NR LINE_AMT'),
  DEL_ADDR: words('SUB_NR DEL_NAME ADDRESS1 POST_CODE CITY CNT_CODE MAIL_BUS TEL_BUS'),
  ARTICLE: words(`
    ART_CODE ART_DESC1 PX_SELL QTY_AVAIL AG_CODE IMG_MEDIUM IMG_M_DATA COST_PX QTY_FREE2 L_COSTPX
    B_COSTPX K1_QDPX QTY_TECH QTY_BESTEL VAT_CODE`),
  ART_GRP: words('AG_CODE AG_DESC'),
};

const KNOWN: ReadonlyMap<TableName, ReadonlySet<string>> = new Map(
  (Object.keys(CATALOGUE) as TableName[]).map((t) => [
    t,
    new Set([...COMMON, `${t}_ID`, ...CATALOGUE[t].map((f) => f.toUpperCase())]),
  ]),
);

/** Whether `field` (upper case) is a field of `table`. */
export function isKnownField(table: TableName, field: string): boolean {
  return KNOWN.get(table)?.has(field.toUpperCase()) ?? false;
}

/** POST/PUT: every defined field (other than RowId, HeaderId, RowAction) must belong to the table. */
export function assertKnownFields(table: TableName, fields: readonly string[]): void {
  const unknown = fields.filter(
    (f) => f !== 'ROWID' && f !== 'HEADERID' && f !== 'ROWACTION' && !isKnownField(table, f),
  );
  if (unknown.length > 0)
    throw invalid(`Table ${table}: unknown field ${unknown.map((f) => `${table}.${f}`).join(', ')}`);
}

/**
 * GET filters: the field must belong to the table, or be carried by a stored row (articles and VAT
 * codes seeded through the control API may bring extra fields).
 */
export function assertFilterableFields(table: TableName, rows: readonly Row[], fields: readonly string[]) {
  for (const field of fields) {
    if (!isKnownField(table, field) && !rows.some((r) => field in r))
      throw invalid(`Filter on unknown field ${table}.${field}`);
  }
}
