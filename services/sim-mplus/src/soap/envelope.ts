import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * SOAP 1.1 document/literal envelopes (notes §3.1: namespace `urn:mplusqapi`). Requests are
 * parsed with namespace prefixes removed; responses use `SOAP-ENV` and `ns` prefixes as gSOAP does.
 */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MPLUS_NS = 'urn:mplusqapi';

export class SoapFault extends Error {
  constructor(
    readonly faultcode: 'SOAP-ENV:Client' | 'SOAP-ENV:Server',
    message: string,
    readonly httpStatus = 500,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
});
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
});

export type SoapRequest = { operation: string; body: unknown };

export function parseEnvelope(xml: string): SoapRequest {
  if (!xml.trim()) throw new SoapFault('SOAP-ENV:Client', 'Empty request: a SOAP envelope is required');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new SoapFault(
      'SOAP-ENV:Client',
      `Malformed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  const doc = parseDocument(xml);
  const envelope = child(doc, 'Envelope');
  if (envelope === undefined)
    throw new SoapFault('SOAP-ENV:Client', 'Not a SOAP envelope: no Envelope element');
  const body = child(envelope, 'Body');
  if (body === undefined || typeof body !== 'object' || body === null)
    throw new SoapFault('SOAP-ENV:Client', 'SOAP Body is missing or empty');
  const operations = Object.keys(body);
  if (operations.length !== 1 || !operations[0])
    throw new SoapFault('SOAP-ENV:Client', 'SOAP Body must contain exactly one operation element');
  return { operation: operations[0], body: (body as Record<string, unknown>)[operations[0]] };
}

/**
 * The validator passes some documents the parser then refuses (a DOCTYPE declaring an external
 * entity: "External entities are not supported"); that is the client's malformed input, so it is a
 * `SOAP-ENV:Client` Fault like any other malformed XML, not a server error.
 */
function parseDocument(xml: string): unknown {
  try {
    return parser.parse(xml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SoapFault('SOAP-ENV:Client', `Malformed XML: ${reason}`);
  }
}

function child(node: unknown, name: string): unknown {
  return node && typeof node === 'object' && !Array.isArray(node)
    ? (node as Record<string, unknown>)[name]
    : undefined;
}

type XmlValue = string | number | boolean | undefined | XmlValue[] | { [key: string]: XmlValue };

function clean(value: XmlValue): XmlValue {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, clean(v)]),
    );
  }
  return typeof value === 'boolean' ? String(value) : value;
}

function envelope(body: Record<string, XmlValue>): string {
  const doc = {
    'SOAP-ENV:Envelope': {
      '@_xmlns:SOAP-ENV': SOAP_ENV_NS,
      '@_xmlns:ns': MPLUS_NS,
      'SOAP-ENV:Body': clean(body),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`;
}

export function buildResponse(operation: string, payload: Record<string, XmlValue>): string {
  return envelope({ [`ns:${operation}Response`]: payload });
}

export function buildFault(fault: SoapFault): string {
  return envelope({ 'SOAP-ENV:Fault': { faultcode: fault.faultcode, faultstring: fault.message } });
}

export type { XmlValue };
