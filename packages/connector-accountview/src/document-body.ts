/**
 * The prepared document as AccountView's write body, once the debtor is known: SO1 with
 * `SO_HDR` / `SO_LINE` (AV-PHP `sendOrder`) or DJ2 with `DJ_PAGE` / `DJ_LINE` (AV-PAS
 * `CreateInvoice`, AV-GO `DjPage`/`DjLine`); README "Vendor facts". Amounts excl. VAT
 * (`GROSS_FLG` false) as decimal text.
 */
import type { DocumentDraft } from './map-document.js';
import {
  type AccountviewWriteBody,
  centsToDecimal,
  type FieldSpec,
  scaled4ToDecimal,
  toWriteBody,
} from './payload.js';

export function toDocumentBody(draft: DocumentDraft, debtorNumber: string): AccountviewWriteBody {
  return draft.kind === 'sales-order'
    ? salesOrderBody(draft, debtorNumber)
    : journalPageBody(draft, debtorNumber);
}

function salesOrderBody(draft: DocumentDraft, debtorNumber: string): AccountviewWriteBody {
  const headerFields: FieldSpec[] = [
    ['ORD_DATE', 'T'],
    ['RPL_INV', 'C'],
    ['RPL_DEL', 'C'],
    ['COMMENT1', 'C'],
    ['TO_EMAIL', 'C'],
  ];
  if (draft.paymentTermsCode !== undefined) headerFields.push(['DISC_CODE', 'C']);
  return toWriteBody({
    businessObject: 'SO1',
    bookDate: draft.date,
    header: {
      table: 'SO_HDR',
      fields: headerFields,
      rows: [
        {
          ORD_DATE: draft.date,
          RPL_INV: debtorNumber,
          RPL_DEL: debtorNumber,
          COMMENT1: draft.number,
          TO_EMAIL: draft.email,
          DISC_CODE: draft.paymentTermsCode ?? null,
        },
      ],
    },
    detail: {
      table: 'SO_LINE',
      fields: [
        ['ART_CODE', 'C'],
        ['ART_DESC1', 'C'],
        ['ORD_QTY', 'N'],
        ['ART_PX', 'N'],
        ['VAT_CODE', 'C'],
      ],
      rows: draft.lines.map((line) => ({
        ART_CODE: line.articleCode ?? null,
        ART_DESC1: line.description,
        ORD_QTY: String(line.quantity),
        ART_PX: scaled4ToDecimal(line.unitPrice4),
        VAT_CODE: line.vatCode,
      })),
    },
  });
}

function journalPageBody(draft: DocumentDraft, debtorNumber: string): AccountviewWriteBody {
  const headerFields: FieldSpec[] = [
    ['DJ_CODE', 'C'],
    ['SUB_NR', 'C'],
    ['INV_NR', 'C'],
    ['TRN_DATE', 'T'],
    ['PERIOD', 'N'],
    ['HDR_DESC', 'C'],
    ['GROSS_FLG', 'L'],
    ['CUR_CODE', 'C'],
  ];
  if (draft.creditDays !== undefined) headerFields.push(['CRED_DAYS', 'N']);
  // The reverse-charge legal text as the page's note (AV-PAS writes COMMENT1 on DJ_PAGE; README "VAT").
  if (draft.vatNote !== undefined) headerFields.push(['COMMENT1', 'C']);
  return toWriteBody({
    businessObject: 'DJ2',
    bookDate: draft.date,
    header: {
      table: 'DJ_PAGE',
      fields: headerFields,
      rows: [
        {
          DJ_CODE: draft.daybookCode ?? null,
          SUB_NR: debtorNumber,
          INV_NR: draft.number,
          TRN_DATE: draft.date,
          PERIOD: String(draft.period),
          HDR_DESC: draft.description,
          GROSS_FLG: false,
          CUR_CODE: draft.currency,
          CRED_DAYS: draft.creditDays === undefined ? null : String(draft.creditDays),
          COMMENT1: draft.vatNote ?? null,
        },
      ],
    },
    detail: {
      table: 'DJ_LINE',
      fields: [
        ['ACCT_NR', 'C'],
        ['TRN_DESC', 'C'],
        ['AMOUNT', 'N'],
        ['VAT_CODE', 'C'],
        ['VAT_AMT', 'N'],
        ['TRN_QTY', 'N'],
      ],
      rows: draft.lines.map((line) => ({
        ACCT_NR: line.accountNumber ?? null,
        TRN_DESC: line.description,
        AMOUNT: centsToDecimal(line.net),
        VAT_CODE: line.vatCode,
        VAT_AMT: centsToDecimal(line.vat),
        TRN_QTY: String(line.quantity),
      })),
    },
  });
}
