import { invalid } from '../errors.js';
import { findArticle, findDebtor, nextRecId, stringField } from './company-rows.js';
import { compareDecimal, divideRounded, fromScaled, toScaled } from './decimal.js';
import { checkNumericRange, nowLocal } from './field-values.js';
import type { CompanyState, Row } from './model.js';
import { refreshArticleStock } from './stock.js';

/**
 * SO1 create (notes §2.5, AV-PHP `sendOrder`): SO_HDR with RPL_INV (existing debtor), lines
 * SO_LINE with existing ART_CODE and a quantity. The server numbers the order (ORD_NR) and links
 * the lines by it. COMMENT1 is not checked for duplicates (see assumptions).
 */
export function createSalesOrder(
  company: CompanyState,
  header: Row,
  lines: Row[],
  now: Date,
): { hdr: Row; lines: Row[] } {
  const rplInv = stringField(header, 'RPL_INV');
  if (!rplInv) throw invalid('SO_HDR.RPL_INV (invoice debtor) is required');
  if (!findDebtor(company, rplInv)) throw invalid(`SO_HDR.RPL_INV: debtor ${rplInv} does not exist`);
  const rplDel = stringField(header, 'RPL_DEL') ?? rplInv;
  if (!findDebtor(company, rplDel)) throw invalid(`SO_HDR.RPL_DEL: debtor ${rplDel} does not exist`);
  const delCode = stringField(header, 'DEL_CODE');
  if (delCode) {
    const address = company.tables.DEL_ADDR.find((a) => a.REC_ID === delCode);
    if (!address || (address.SUB_NR !== rplDel && address.SUB_NR !== rplInv))
      throw invalid(`SO_HDR.DEL_CODE: delivery address ${delCode} does not exist for debtor ${rplDel}`);
  }
  if (lines.length === 0) throw invalid('SO_LINE: a sales order needs at least one line');
  const stamp = nowLocal(now);
  const ordNr = String(company.counters.ordNr + 1);
  const storedLines = lines.map((line, i) => toLine(company, line, i, ordNr, header));
  company.counters.ordNr += 1;
  const amount = storedLines.reduce((sum, l) => sum + toScaled(String(l.LINE_AMT), 2), 0n);
  const hdr: Row = {
    ...header,
    REC_ID: nextRecId(company),
    ORD_NR: ordNr,
    RPL_INV: rplInv,
    RPL_DEL: rplDel,
    ORD_DATE: header.ORD_DATE ?? stamp,
    ORD_AMT: checkNumericRange(fromScaled(amount, 2), 'SO_HDR.ORD_AMT'),
    INP_DATE: stamp,
  };
  for (const line of storedLines) line.REC_ID = nextRecId(company);
  company.tables.SO_HDR.push(hdr);
  company.tables.SO_LINE.push(...storedLines);
  for (const code of new Set(storedLines.map((l) => String(l.ART_CODE))))
    refreshArticleStock(company, code, now);
  return { hdr, lines: storedLines };
}

function toLine(company: CompanyState, line: Row, index: number, ordNr: string, header: Row): Row {
  const where = `SO_LINE row ${index + 1}`;
  const artCode = stringField(line, 'ART_CODE');
  if (!artCode) throw invalid(`${where}: ART_CODE is required`);
  const article = findArticle(company, artCode);
  if (!article) throw invalid(`${where}: article ${artCode} does not exist`);
  const qty = stringField(line, 'ORD_QTY');
  if (!qty || compareDecimal(qty, '0') === 0) throw invalid(`${where}: ORD_QTY is required and cannot be 0`);
  const price = stringField(line, 'ART_PX') ?? String(article.PX_SELL ?? '0');
  // Line amount at two decimals, half away from zero (NL rounding, notes §5), for the order total.
  const amount = divideRounded(toScaled(qty, 4) * toScaled(price, 4), 10n ** 6n);
  return {
    ...line,
    ORD_NR: ordNr,
    LINE_NR: String(index + 1),
    ART_CODE: artCode,
    ART_DESC1: line.ART_DESC1 ?? article.ART_DESC1 ?? null,
    ORD_QTY: qty,
    ART_PX: price,
    LINE_AMT: checkNumericRange(fromScaled(amount, 2), `SO_LINE.LINE_AMT (row ${index + 1})`),
    DEL_DATE: line.DEL_DATE ?? header.DEL_DATE ?? null,
  };
}
