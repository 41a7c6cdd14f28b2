/**
 * SOAP 1.1 document/literal envelopes of MplusQapi (namespace `urn:mplusqapi`), built and read
 * with fast-xml-parser, never with string templates: text is escaped by the builder and answers
 * are parsed with namespace prefixes removed (Mplus answers with gSOAP-style `SOAP-ENV:` / `ns:`
 * prefixes). WSDL: https://github.com/MplusKASSA/mplusqapi-php/blob/master/mplusqapi.wsdl
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MPLUS_NS = 'urn:mplusqapi';

/** An element's content: text, a nested element, or a repeated element (an array). */
export type XmlNode =
  | string
  | number
  | bigint
  | boolean
  | undefined
  | XmlNode[]
  | { [name: string]: XmlNode };

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
});
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
});

/** Absent values are left out; numbers, bigints and booleans become their XSD text. */
function toBuilderValue(node: XmlNode): unknown {
  if (Array.isArray(node)) return node.filter((n) => n !== undefined).map(toBuilderValue);
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [name, toBuilderValue(value)]),
    );
  }
  return node === undefined ? undefined : String(node);
}

/** `<SOAP-ENV:Envelope><SOAP-ENV:Body><ns:{operation}>…` with the payload's elements unqualified. */
export function buildEnvelope(operation: string, payload: Record<string, XmlNode>): string {
  const document = {
    'SOAP-ENV:Envelope': {
      '@_xmlns:SOAP-ENV': SOAP_ENV_NS,
      '@_xmlns:ns': MPLUS_NS,
      'SOAP-ENV:Body': { [`ns:${operation}`]: toBuilderValue(payload) ?? '' },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`;
}

export type SoapAnswer =
  | { kind: 'response'; element: string; body: unknown }
  | { kind: 'fault'; faultcode: string; faultstring: string }
  | { kind: 'unreadable'; reason: string };

/** Reads an answer: the Body's one element, or its Fault. */
export function readEnvelope(xml: string): SoapAnswer {
  if (xml.trim() === '') return { kind: 'unreadable', reason: 'empty body' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { kind: 'unreadable', reason: `not XML: ${valid.err.msg}` };
  const body = child(child(parser.parse(xml), 'Envelope'), 'Body');
  if (body === null || typeof body !== 'object') return { kind: 'unreadable', reason: 'no SOAP Body' };
  const fault = child(body, 'Fault');
  if (fault !== undefined) {
    return {
      kind: 'fault',
      faultcode: text(child(fault, 'faultcode')),
      faultstring: text(child(fault, 'faultstring')),
    };
  }
  const [element] = Object.keys(body);
  if (element === undefined) return { kind: 'unreadable', reason: 'empty SOAP Body' };
  return { kind: 'response', element, body: (body as Record<string, unknown>)[element] };
}

function child(node: unknown, name: string): unknown {
  return node !== null && typeof node === 'object' && !Array.isArray(node)
    ? (node as Record<string, unknown>)[name]
    : undefined;
}

function text(node: unknown): string {
  return typeof node === 'string' ? node : '';
}
