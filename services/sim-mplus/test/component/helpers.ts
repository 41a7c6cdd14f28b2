import { XMLParser } from 'fast-xml-parser';
import { buildMplusSimulator, DEFAULT_CREDENTIALS, type MplusSimulatorOptions } from '../../src/app.js';

export type Sim = ReturnType<typeof buildMplusSimulator>;

/** A request value as the vendor client builds it: elements, repeated elements (arrays), text. */
export type XmlInput = string | number | boolean | undefined | XmlInput[] | { [element: string]: XmlInput };

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toXml(name: string, value: XmlInput): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join('');
    return `<ns1:${name}>${inner}</ns1:${name}>`;
  }
  // The vendor client sends booleans as 1/0 (MP-SOAPCLIENT convertBoolValues).
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return `<ns1:${name}>${escapeText(text)}</ns1:${name}>`;
}

/** A SOAP 1.1 envelope shaped like MP-SOAPCLIENT's createXML: `ns1` = urn:mplusqapi. */
export function envelope(operation: string, body: Record<string, XmlInput> = {}): string {
  const inner = Object.entries(body)
    .map(([k, v]) => toXml(k, v))
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    'xmlns:ns1="urn:mplusqapi"><SOAP-ENV:Body>' +
    `<ns1:${operation}>${inner}</ns1:${operation}>` +
    '</SOAP-ENV:Body></SOAP-ENV:Envelope>'
  );
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

export type Json = Record<string, unknown>;

export type SoapAnswer = {
  status: number;
  headers: Record<string, unknown>;
  raw: string;
  /** The `<operation>Response` element, when the answer is not a fault. */
  response: Json | undefined;
  fault: { faultcode: string; faultstring: string } | undefined;
};

export function parseAnswer(status: number, headers: Record<string, unknown>, raw: string): SoapAnswer {
  const doc = parser.parse(raw) as { Envelope?: { Body?: Record<string, unknown> } };
  const body = doc.Envelope?.Body ?? {};
  const fault = body.Fault as SoapAnswer['fault'];
  const responseKey = Object.keys(body).find((k) => k.endsWith('Response'));
  const response = responseKey ? (body[responseKey] as Json) : undefined;
  return { status, headers, raw, response, fault };
}

export async function startSim(options: MplusSimulatorOptions = {}) {
  const sim = buildMplusSimulator({ rateLimit: false, ...options });
  await sim.app.ready();
  return sim;
}

export const AUTH = `ident=${DEFAULT_CREDENTIALS.ident}&secret=${DEFAULT_CREDENTIALS.secret}`;

/** POSTs one SOAP call the way the vendor client does (query auth, SOAPAction = method name). */
export async function soap(
  sim: Sim,
  operation: string,
  body: Record<string, XmlInput> = {},
  options: { query?: string; payload?: string } = {},
): Promise<SoapAnswer> {
  const res = await sim.app.inject({
    method: 'POST',
    url: `/?${options.query ?? AUTH}`,
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: operation },
    payload: options.payload ?? envelope(operation, body),
  });
  return parseAnswer(res.statusCode, res.headers, res.body);
}

/** A SOAP call that must succeed (HTTP 200, no fault); returns the response element. */
export async function soapOk(sim: Sim, operation: string, body: Record<string, XmlInput> = {}) {
  const answer = await soap(sim, operation, body);
  if (answer.status !== 200 || !answer.response)
    throw new Error(`${operation} failed: HTTP ${answer.status} ${answer.raw}`);
  return answer.response;
}

/** A repeated element in a parsed answer: absent, one object or an array. */
export const list = (value: unknown): Json[] =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? (value as Json[]) : [value as Json];

export const PRODUCTS = [
  {
    productNumber: 10,
    description: 'T-shirt',
    groupNumbers: [3],
    articles: [
      {
        articleNumber: 100234,
        description: 'T-shirt red M',
        price: 2500,
        vatCode: 2,
        barcode: '8712345000011',
      },
      { articleNumber: 100235, description: 'T-shirt red L', price: 2500, vatCode: 2, webshop: false },
    ],
  },
  {
    productNumber: 11,
    description: 'Koffiebonen',
    articles: [{ articleNumber: 200100, description: 'Koffiebonen 1 kg', price: 1299, vatCode: 1 }],
  },
  {
    productNumber: 12,
    description: 'Verzendkosten',
    articles: [{ articleNumber: 999, description: 'Shipping', price: 495, vatCode: 2, stockArticle: false }],
  },
];

/** Seeds the catalogue above and some stock through the control API. */
export async function seedCatalog(sim: Sim) {
  const products = await sim.app.inject({
    method: 'POST',
    url: '/_control/products',
    payload: { products: PRODUCTS },
  });
  if (products.statusCode !== 201) throw new Error(`seeding products failed: ${products.body}`);
  const stock = await sim.app.inject({
    method: 'PUT',
    url: '/_control/stock',
    payload: {
      rows: [
        { branchNumber: 1, articleNumber: 100234, quantity: 12 },
        { branchNumber: 2, articleNumber: 100234, quantity: 40, incoming: 5 },
        { branchNumber: 1, articleNumber: 200100, quantity: '2.5' },
      ],
    },
  });
  if (stock.statusCode !== 200) throw new Error(`seeding stock failed: ${stock.body}`);
}

/** Creates a relation through SOAP and returns its number. */
export async function createRelation(sim: Sim, relation: Record<string, XmlInput>): Promise<number> {
  const res = await soapOk(sim, 'createRelation', { relation });
  if (res.result !== 'CREATE-RELATION-RESULT-OK') throw new Error(`createRelation: ${JSON.stringify(res)}`);
  return Number(res.relationNumber);
}
