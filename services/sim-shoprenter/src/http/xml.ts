import { XMLBuilder } from 'fast-xml-parser';

/**
 * JSON trees to XML. Shoprenter answers XML by default with root `<response>` (README.md/1.3);
 * JSON arrays appear in XML as `<items><item>...</item></items>`. Where the JSON already names its
 * elements (`{"request": [...]}` in batch, `{"order": [...]}` in webhooks) they repeat as such.
 */
type XmlNode = string | XmlNode[] | { [key: string]: XmlNode };

/** `rest`: arrays wrap as `<item>` unless already named; `repeat`: arrays always repeat their key. */
export type ArrayStyle = 'rest' | 'repeat';

function convert(value: unknown, style: ArrayStyle, parentIsNamedList: boolean): XmlNode {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const items = value.map((v) => convert(v, style, false));
    if (style === 'repeat' || parentIsNamedList) return items;
    return { item: items };
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const namedList = entries.length === 1 && Array.isArray(entries[0]?.[1]);
    const out: Record<string, XmlNode> = {};
    for (const [k, v] of entries) out[k] = convert(v, style, namedList);
    return out;
  }
  return String(value);
}

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

export function toXml(root: string, value: unknown, style: ArrayStyle = 'rest'): string {
  const tree = Array.isArray(value) && value.length === 0 ? '' : convert(value, style, false);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: tree })}`;
}
