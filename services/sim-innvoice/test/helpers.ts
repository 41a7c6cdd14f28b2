import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import {
  buildInnvoiceSimulator,
  INNVOICE_DEFAULT_CREDENTIALS,
  type InnvoiceSimulator,
  type InnvoiceSimulatorOptions,
} from '../src/index.js';

export const COMPANY = INNVOICE_DEFAULT_CREDENTIALS.name;

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
export const AUTH = basic(INNVOICE_DEFAULT_CREDENTIALS.username, INNVOICE_DEFAULT_CREDENTIALS.password);

/** The example of notes §4.3 (two lines, suffixed), as the reference client sends it. */
export const DOCUMENTED_INVOICE = readFileSync(
  new URL('./fixtures/innvoice/documented-invoice.xml', import.meta.url),
  'utf8',
);

/** Builds `<invoices><invoice>` with every value in CDATA, as INV-LARAVEL `buildXmlFromArray` does. */
export function invoiceXml(fields: Record<string, string>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
    .join('');
  return `<invoices><invoice>${body}</invoice></invoices>`;
}

/** The documented header fields with one unsuffixed line; override or drop (undefined) any. */
export function invoiceFields(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    VevoNev: 'Gipsz Jakab',
    VevoIrsz: '1119',
    VevoTelep: 'Budapest',
    VevoUtcaHsz: 'Próba u. 2.',
    VevoOrszag: 'HU',
    SzamlatombID: '1',
    SzamlaKelte: '2025.08.23.',
    TeljesitesKelte: '2025.08.23.',
    Hatarido: '2025.09.07.',
    Devizanem: 'Ft',
    FizetesiMod: 'átutalás',
    Fizetve: '0',
    Eszamla: '1',
    Felretett: '0',
    Proforma: '0',
    TetelNev: 'Póló fekete M',
    AfaSzoveg: '27%',
    Brutto: '1',
    EgysegAr: '7990',
    Mennyiseg: '1',
    MennyisegEgyseg: 'db',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true });
export type Xml = Record<string, unknown>;
export const parseXml = (body: string): Xml => parser.parse(body) as Xml;

export async function startSim(options: InnvoiceSimulatorOptions = { rateLimit: false }) {
  const sim = buildInnvoiceSimulator(options);
  await sim.app.ready();
  return sim;
}

export async function call(
  sim: InnvoiceSimulator,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  /** `null` sends no Authorization header. */
  authorization: string | null = AUTH,
) {
  const res = await sim.app.inject({
    method,
    url: path.startsWith('/_') ? path : `/${COMPANY}${path}`,
    headers: {
      ...(authorization === null ? {} : { authorization }),
      ...(body === undefined ? {} : { 'content-type': 'text/xml' }),
    },
    ...(body === undefined ? {} : { payload: body }),
  });
  return { status: res.statusCode, headers: res.headers, text: res.body, xml: parseXml(res.body) };
}

/** `<response><error>CODE</error><message>…</message></response>` → `{code, message}`. */
export function errorOf(xml: Xml): { code: string; message: string } {
  const response = xml.response as { error?: string; message?: string } | undefined;
  return { code: String(response?.error ?? ''), message: String(response?.message ?? '') };
}

export function createdOf(xml: Xml, kind: 'invoice' | 'proforma_invoice' = 'invoice') {
  return (xml.response as Record<string, Record<string, string>>)[kind] ?? {};
}
