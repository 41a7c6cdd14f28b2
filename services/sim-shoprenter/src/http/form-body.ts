/**
 * Form bodies as the official PHP client and the C# client send them (`data[stock1]=12`,
 * README.md), turned into the nested object a JSON body would give: urlencoded, and
 * `multipart/form-data`, the second content type the API accepts besides JSON
 * (sr-api-docs `development/api/01_constraints_requirements.md`).
 */
export type FormValue = string | { [key: string]: FormValue };

/** Nests `data[a][b]=v` names into objects; a later name wins over an earlier one. */
export function nestFormEntries(entries: Iterable<readonly [string, string]>): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [name, value] of entries) {
    const keys = name
      .replace(/\]/g, '')
      .split('[')
      .filter((k) => k !== '');
    let node: Record<string, FormValue> = root;
    for (const [i, key] of keys.entries()) {
      if (i === keys.length - 1) {
        node[key] = value;
        break;
      }
      const child = node[key];
      const next: Record<string, FormValue> = typeof child === 'object' ? child : {};
      node[key] = next;
      node = next;
    }
  }
  return root;
}

export function parseFormBody(text: string): Record<string, FormValue> {
  return nestFormEntries(new URLSearchParams(text));
}

/**
 * `multipart/form-data` text fields (file parts are skipped: no simulated resource takes one;
 * `/files` takes its attachment as base64 text). A body that is not valid multipart gives `{}`,
 * which the resource answers with 400/40001 "Data parameter not found".
 */
export async function parseMultipartBody(
  body: Buffer,
  contentType: string,
): Promise<Record<string, FormValue>> {
  try {
    const form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
    const fields: [string, string][] = [];
    for (const [name, value] of form.entries()) if (typeof value === 'string') fields.push([name, value]);
    return nestFormEntries(fields);
  } catch {
    return {};
  }
}
