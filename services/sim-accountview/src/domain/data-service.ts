import { AccountViewError, invalid } from '../errors.js';
import { findBusinessObject } from './business-objects.js';
import { createDebtor, updateDebtor } from './create-debtor.js';
import { createDeliveryAddress } from './create-delivery-address.js';
import { createJournalPage, type JournalPageRules, VENDOR_JOURNAL_RULES } from './create-journal-page.js';
import { createSalesOrder } from './create-sales-order.js';
import { type ListQuery, selectRows } from './list-query.js';
import { type CompanyState, NUMERIC_FIELDS, type Row } from './model.js';
import type { ParsedPost, ParsedRow } from './post-payload.js';
import { assertFilterableFields, assertKnownFields } from './table-fields.js';

export type WireRow = Record<string, string | number | boolean | null>;
export type TableResponse = Record<string, WireRow[]>;

/**
 * Numeric fields leave as JSON numbers (the wire format, notes §2.2); stored as decimal text.
 * Every row also carries the integer `<TABLE>_Id` (AV-GO `CONTACT_Id`, `DJ_PAGE_Id`), derived from
 * REC_ID (see ASSUMPTIONS.tableIdFromRecId). A `Fields` projection keeps it only when asked for.
 */
export function toWire(row: Row, table: string): WireRow {
  const out: WireRow = {};
  for (const [k, v] of Object.entries(row))
    out[k] = NUMERIC_FIELDS.has(k) && typeof v === 'string' && v !== '' ? Number(v) : v;
  const recId = typeof row.REC_ID === 'string' ? Number(row.REC_ID) : Number.NaN;
  if (Number.isSafeInteger(recId)) out[`${table}_Id`] = recId;
  return out;
}

function wireWithFields(row: Row, table: string, fields: readonly string[] | undefined): WireRow {
  const full = toWire(row, table);
  if (!fields) return full;
  const wanted = new Set(fields);
  return Object.fromEntries(Object.entries(full).filter(([k]) => wanted.has(k.toUpperCase())));
}

/** GET: header rows of the business object's table, plus the detail rows of those headers. */
export function readBusinessObject(company: CompanyState, query: ListQuery): TableResponse {
  const bo = findBusinessObject(query.businessObject);
  if (!bo) throw invalid(`Unknown business object '${query.businessObject}'`);
  assertFilterableFields(
    bo.table,
    company.tables[bo.table],
    query.filters.map((f) => f.field),
  );
  const headers = selectRows(company.tables[bo.table], query, bo.key);
  const response: TableResponse = {
    [bo.table]: headers.map((r) => wireWithFields(r, bo.table, query.fields)),
  };
  if (bo.detail) {
    const { table, link } = bo.detail;
    const details = company.tables[table].filter((line) =>
      headers.some((h) => link.every((f) => h[f] === line[f])),
    );
    response[table] = details.map((line) => toWire(line, table));
  }
  for (const empty of bo.emptyTables) response[empty] = [];
  return response;
}

/** POST (create) or PUT (update, AR1 only): all rows or none; answers the stored records by table. */
export function writeBusinessObject(
  company: CompanyState,
  post: ParsedPost,
  mode: 'create' | 'update',
  now: Date,
  rules: JournalPageRules = VENDOR_JOURNAL_RULES,
): TableResponse {
  const bo = findBusinessObject(post.businessObject);
  if (!bo) throw invalid(`Unknown business object '${post.businessObject}'`);
  if (mode === 'create' && !bo.insert) throw invalid(`Insert is not allowed for business object ${bo.code}`);
  if (mode === 'update' && !bo.update)
    throw new AccountViewError(405, `Update is not allowed for business object ${bo.code}`);
  if (post.header.name !== bo.table)
    throw invalid(
      `Table ${post.header.name} does not belong to business object ${bo.code}; expected ${bo.table}`,
    );
  if (post.header.rows.length === 0) throw invalid(`Table ${bo.table} has no rows`);
  assertKnownFields(bo.table, post.header.fields);
  for (const d of post.details) {
    const detailTable = bo.detail?.table;
    if (!detailTable || d.name !== detailTable)
      throw invalid(`Detail table ${d.name} does not belong to business object ${bo.code}`);
    assertKnownFields(detailTable, d.fields);
  }
  const lines = post.details.flatMap((d) => d.rows);
  assertHeaderIds(post.header.rows, lines);
  const linesOf = (rowId: string) => lines.filter((l) => l.headerId === rowId).map((l) => l.values);
  const response: TableResponse = { [bo.table]: [] };
  if (bo.detail) response[bo.detail.table] = [];
  for (const header of post.header.rows) {
    if (bo.code === 'AR1') {
      const row =
        mode === 'create'
          ? createDebtor(company, header.values, now)
          : updateDebtor(company, post.id, header.values, now);
      response.CONTACT?.push(toWire(row, 'CONTACT'));
    } else if (bo.code === 'SO1') {
      const made = createSalesOrder(company, header.values, linesOf(header.rowId), now);
      response.SO_HDR?.push(toWire(made.hdr, 'SO_HDR'));
      response.SO_LINE?.push(...made.lines.map((l) => toWire(l, 'SO_LINE')));
    } else if (bo.code === 'DJ2') {
      const made = createJournalPage(company, header.values, linesOf(header.rowId), now, rules);
      response.DJ_PAGE?.push(toWire(made.page, 'DJ_PAGE'));
      response.DJ_LINE?.push(...made.lines.map((l) => toWire(l, 'DJ_LINE')));
    } else if (bo.code === 'ADDR') {
      response.DEL_ADDR?.push(toWire(createDeliveryAddress(company, header.values), 'DEL_ADDR'));
    }
  }
  return response;
}

function assertHeaderIds(headers: readonly ParsedRow[], lines: readonly ParsedRow[]): void {
  const ids = new Set(headers.map((h) => h.rowId));
  if (ids.size !== headers.length) throw invalid('Header rows must have distinct RowId values');
  lines.forEach((line, i) => {
    if (line.headerId === undefined) throw invalid(`Detail row ${i + 1}: HeaderId is required`);
    if (!ids.has(line.headerId))
      throw invalid(`Detail row ${i + 1}: HeaderId ${line.headerId} matches no header RowId`);
  });
}
