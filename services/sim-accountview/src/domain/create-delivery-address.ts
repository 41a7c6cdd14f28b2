import { invalid } from '../errors.js';
import { findDebtor, nextRecId, stringField } from './company-rows.js';
import type { CompanyState, Row } from './model.js';

/**
 * ADDR create (notes §2.4, AV-PHP): a delivery address of an existing debtor with `SUB_NR, DEL_NAME,
 * ADDRESS1, POST_CODE, CITY, CNT_CODE, MAIL_BUS, TEL_BUS`. Its REC_ID is what a sales order
 * references as SO_HDR.DEL_CODE. DEL_NAME defaults to the debtor's name.
 */
export function createDeliveryAddress(company: CompanyState, values: Row): Row {
  const subNr = stringField(values, 'SUB_NR');
  if (!subNr) throw invalid('DEL_ADDR.SUB_NR (debtor) is required');
  const debtor = findDebtor(company, subNr);
  if (!debtor) throw invalid(`DEL_ADDR.SUB_NR: debtor ${subNr} does not exist`);
  const row: Row = {
    ...values,
    REC_ID: nextRecId(company),
    SUB_NR: subNr,
    DEL_NAME: stringField(values, 'DEL_NAME') ?? stringField(debtor, 'ACCT_NAME') ?? null,
    CNT_CODE: stringField(values, 'CNT_CODE')?.toUpperCase() ?? 'NL',
  };
  company.tables.DEL_ADDR.push(row);
  return row;
}
