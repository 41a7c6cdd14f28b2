/** A tiny XML writer for InnVoice responses: elements, escaped text, CDATA where the API uses it. */
export type XmlNode = { name: string; text?: string; cdata?: boolean; children?: XmlNode[] };

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

function render(node: XmlNode): string {
  if (node.children) return `<${node.name}>${node.children.map(render).join('')}</${node.name}>`;
  const text = node.text ?? '';
  const body = node.cdata ? `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>` : escapeXml(text);
  return `<${node.name}>${body}</${node.name}>`;
}

export function toXmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}`;
}

export const el = (name: string, text: string, cdata = false): XmlNode => ({ name, text, cdata });
export const group = (name: string, children: XmlNode[]): XmlNode => ({ name, children });
