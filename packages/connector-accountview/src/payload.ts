/**
 * The positional write body of `/accountviewdata` (AV-GO `AccountviewDataPostRequestBody`, AV-PHP,
 * AV-PAS; README "Vendor facts"): a `Definition` lists the fields with their FieldType, each row's
 * `Values` follow that order; detail rows carry `RowId` and `HeaderId` (= the header's RowId).
 * Numbers are sent as decimal text (never through a float); datetimes as local `YYYY-MM-DDTHH:MM:SS`.
 */

/** FieldType codes: C text, N numeric, I integer, T datetime, L logical. */
export type FieldType = 'C' | 'N' | 'I' | 'T' | 'L';
export type FieldValue = string | boolean | null;
export type FieldSpec = readonly [name: string, type: FieldType];

export type PositionalTable = {
  table: string;
  fields: readonly FieldSpec[];
  rows: readonly Readonly<Record<string, FieldValue>>[];
};

export type AccountviewWriteBody = {
  BookDate?: string;
  BusinessObject: string;
  id?: string;
  Table: {
    Definition: { Name: string; Fields: { Name: string; FieldType: FieldType }[] };
    DetailDefinitions?: { Name: string; Fields: { Name: string; FieldType: FieldType }[] }[];
  };
  TableData: {
    Data: { Rows: { Values: FieldValue[] }[] };
    DetailData?: { Rows: { Values: FieldValue[] }[] }[];
  };
};

/** One header row (RowId 1) and optional detail rows under it. */
export function toWriteBody(options: {
  businessObject: string;
  bookDate?: string | undefined;
  id?: string | undefined;
  header: PositionalTable;
  detail?: PositionalTable | undefined;
}): AccountviewWriteBody {
  const headerFields: FieldSpec[] = [['RowId', 'C'], ...options.header.fields];
  const body: AccountviewWriteBody = {
    BusinessObject: options.businessObject,
    Table: { Definition: definition(options.header.table, headerFields) },
    TableData: {
      Data: {
        Rows: options.header.rows.map((row, i) => ({ Values: values(headerFields, row, String(i + 1)) })),
      },
    },
  };
  if (options.bookDate !== undefined) body.BookDate = options.bookDate;
  if (options.id !== undefined) body.id = options.id;
  const detail = options.detail;
  if (detail) {
    const detailFields: FieldSpec[] = [['RowId', 'C'], ['HeaderId', 'C'], ...detail.fields];
    body.Table.DetailDefinitions = [definition(detail.table, detailFields)];
    body.TableData.DetailData = [
      {
        Rows: detail.rows.map((row, i) => ({
          Values: values(detailFields, { ...row, HeaderId: '1' }, String(i + 1)),
        })),
      },
    ];
  }
  return body;
}

function definition(name: string, fields: readonly FieldSpec[]) {
  return { Name: name, Fields: fields.map(([field, type]) => ({ Name: field, FieldType: type })) };
}

function values(fields: readonly FieldSpec[], row: Readonly<Record<string, FieldValue>>, rowId: string) {
  return fields.map(([name]) => (name === 'RowId' ? rowId : (row[name] ?? null)));
}

/** Minor units as decimal text with two decimals: 1234n → "12.34", -5n → "-0.05". */
export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** A value scaled by 10^4 as decimal text: 47619048n → "4761.9048". */
export function scaled4ToDecimal(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 10_000n}.${String(abs % 10_000n).padStart(4, '0')}`;
  return negative ? `-${text}` : text;
}
