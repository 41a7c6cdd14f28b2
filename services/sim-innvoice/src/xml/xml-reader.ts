import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reads request bodies like `<invoices><invoice><VevoNev><![CDATA[..]]></VevoNev>...</invoice></invoices>`
 * (notes §4.3). Values stay strings (CDATA merged into text); nested elements are reported.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

export type XmlRecords = { ok: true; records: Record<string, string>[] } | { ok: false; message: string };

/** Returns the flat records found at `root > item` (one or many). */
export function readRecords(xml: string, root: string, item: string): XmlRecords {
  if (xml.trim() === '') return { ok: false, message: 'Üres kérés: XML törzs szükséges' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, message: `Hibás XML: ${valid.err.msg} (sor ${valid.err.line})` };
  const parsed = parseDocument(xml);
  if (!parsed.ok) return parsed;
  const rootNode = (parsed.doc as Record<string, unknown>)[root];
  if (rootNode === undefined || rootNode === null || typeof rootNode !== 'object') {
    return { ok: false, message: `Hibás XML: a gyökérelem <${root}> kell legyen, benne <${item}> elemekkel` };
  }
  const items = (rootNode as Record<string, unknown>)[item];
  const list = Array.isArray(items) ? items : items === undefined ? [] : [items];
  if (list.length === 0) return { ok: false, message: `Hibás XML: nincs <${item}> elem` };
  const records: Record<string, string>[] = [];
  for (const entry of list) {
    if (entry === null || typeof entry !== 'object')
      return { ok: false, message: `Hibás XML: üres <${item}> elem` };
    const record: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof value === 'object' && value !== null) {
        return {
          ok: false,
          message: `Hibás XML: a(z) <${key}> elem nem tartalmazhat további elemeket vagy ismétlődést`,
        };
      }
      record[key] = value === null || value === undefined ? '' : String(value);
    }
    records.push(record);
  }
  return { ok: true, records };
}

/**
 * The validator passes some documents the parser then refuses (a DOCTYPE declaring an external
 * entity); that is malformed input from the client (error 100), not an internal error.
 */
function parseDocument(xml: string): { ok: true; doc: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, doc: parser.parse(xml) };
  } catch (error) {
    return { ok: false, message: `Hibás XML: ${error instanceof Error ? error.message : String(error)}` };
  }
}
