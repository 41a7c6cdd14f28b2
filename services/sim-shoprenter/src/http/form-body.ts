/**
 * `application/x-www-form-urlencoded` bodies as the official PHP client and the C# client send them
 * (`data[stock1]=12`, README.md), turned into the nested object a JSON body would give.
 */
export type FormValue = string | { [key: string]: FormValue };

export function parseFormBody(text: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [name, value] of new URLSearchParams(text)) {
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
