import { z } from 'zod';
import { invalid } from '../errors.js';
import { coerceValue, FIELD_TYPES, type FieldType } from './field-values.js';
import type { Row } from './model.js';

/**
 * The self-describing positional payload of POST/PUT /accountviewdata (notes §2.2). Member names
 * are matched case-insensitively (AV-PHP sends `name`/`values`, AV-PAS `VAT_Code`): the body's
 * keys are lower-cased before parsing, field names upper-cased after.
 */
const fieldSchema = z.object({
  name: z.string().min(1),
  fieldtype: z
    .string()
    .transform((t) => t.toUpperCase())
    .pipe(z.enum(FIELD_TYPES))
    .optional(),
});
const definitionSchema = z.object({ name: z.string().min(1), fields: z.array(fieldSchema).min(1) });
const rowsSchema = z.object({ rows: z.array(z.object({ values: z.array(z.unknown()) })) });

export const postBodySchema = z.object({
  bookdate: z.string().optional(),
  businessobject: z.string().min(1),
  id: z.union([z.string(), z.number()]).optional(),
  table: z.object({ definition: definitionSchema, detaildefinitions: z.array(definitionSchema).optional() }),
  tabledata: z.object({ data: rowsSchema, detaildata: z.array(rowsSchema).optional() }),
});

export type ParsedRow = { rowId: string; headerId?: string; values: Row };
export type ParsedTable = { name: string; fields: string[]; rows: ParsedRow[] };
export type ParsedPost = {
  businessObject: string;
  id?: string;
  header: ParsedTable;
  details: ParsedTable[];
};

export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  }
  return value;
}

export function parsePostBody(body: unknown): ParsedPost {
  const parsed = postBodySchema.safeParse(lowerKeys(body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `Invalid request body at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const b = parsed.data;
  const detailDefinitions = b.table.detaildefinitions ?? [];
  const detailData = b.tabledata.detaildata ?? [];
  if (detailData.length > detailDefinitions.length)
    throw invalid('TableData.DetailData has more entries than Table.DetailDefinitions');
  return {
    businessObject: b.businessobject,
    ...(b.id !== undefined ? { id: String(b.id) } : {}),
    header: toTable(b.table.definition, b.tabledata.data.rows),
    details: detailDefinitions.map((def, i) => toTable(def, detailData[i]?.rows ?? [])),
  };
}

function toTable(def: z.infer<typeof definitionSchema>, rows: { values: unknown[] }[]): ParsedTable {
  const name = def.name.toUpperCase();
  const fields = def.fields.map((f) => ({
    name: f.name.toUpperCase(),
    type: (f.fieldtype ?? 'C') as FieldType,
  }));
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw invalid(`Table ${name}: field ${f.name} is defined twice`);
    seen.add(f.name);
  }
  return {
    name,
    fields: fields.map((f) => f.name),
    rows: rows.map((row, index) => {
      if (row.values.length !== fields.length) {
        throw invalid(
          `Table ${name} row ${index + 1}: ${row.values.length} values for ${fields.length} fields`,
        );
      }
      const values: Row = {};
      let rowId = String(index + 1);
      let headerId: string | undefined;
      fields.forEach((f, i) => {
        const raw = row.values[i];
        if (f.name === 'ROWID') rowId = String(raw ?? rowId);
        else if (f.name === 'HEADERID')
          headerId = raw === null || raw === undefined ? undefined : String(raw);
        else if (f.name !== 'ROWACTION') values[f.name] = coerceValue(raw, f.type, `${name}.${f.name}`);
      });
      return { rowId, ...(headerId !== undefined ? { headerId } : {}), values };
    }),
  };
}
